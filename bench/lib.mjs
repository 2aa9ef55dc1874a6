// What the benches share: finding a fetched repository's git dir, reading objects out of it, scanning a tree
// with the CLI, and printing a table of figures. Used by run.mjs, realworld.mjs and suites.mjs.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `outdated-tls-library` findings depend on the day and on the advisory table that ships with the tool, not on
 * the code, so they cannot be labelled once for a pinned commit: the labelled benches count them apart.
 */
export const UNSCORED_RULES = new Set(['outdated-tls-library']);

/** Where a repository's git dir is (`<mirrors>/<owner+name>/repo` or the folder itself), or undefined. */
export function mirrorOf(mirrors, repo) {
  const base = join(mirrors, repo.replace('/', '+'));
  for (const dir of [join(base, 'repo'), base]) {
    if (existsSync(join(dir, 'HEAD')) && existsSync(join(dir, 'objects'))) return dir;
  }
  return undefined;
}

/**
 * Reads objects (`<id>` or `<commit>:<path>`) through one `git cat-file --batch`; returns one Buffer per
 * object, or undefined for an object the snapshot lacks (snapshots may lack their largest blobs).
 */
export function readObjects(gitDir, objects) {
  if (objects.length === 0) return [];
  const out = execFileSync('git', ['--git-dir', gitDir, 'cat-file', '--batch'], {
    input: objects.join('\n') + '\n',
    maxBuffer: 1 << 30,
  });
  const blobs = [];
  let at = 0;
  for (let i = 0; i < objects.length; i++) {
    const nl = out.indexOf(10, at);
    const header = out.subarray(at, nl).toString('latin1');
    at = nl + 1;
    if (header.endsWith(' missing')) {
      blobs.push(undefined);
      continue;
    }
    const size = Number(header.split(' ')[2]);
    blobs.push(out.subarray(at, at + size));
    at += size + 1;
  }
  return blobs;
}

/** `tlslint scan .` in `dir` as JSON; throws with the exit status (or parse error) and stderr's last lines. */
export function scanJson(cli, dir) {
  const r = spawnSync(
    process.execPath,
    [cli, 'scan', '.', '--format', 'json', '--fail-on', 'error', '--time-budget', '0'],
    {
      cwd: dir,
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    },
  );
  const tail = (r.stderr ?? '').trim().split('\n').slice(-3).join(' | ');
  if (r.status !== 0 && r.status !== 1) throw new Error(`exit ${r.status}: ${tail}`);
  try {
    return JSON.parse(r.stdout);
  } catch (e) {
    throw new Error(`${e.message}: ${tail}`, { cause: e });
  }
}

/** A ratio to three places, or '-' when there is nothing to divide by. */
export function ratio(n, d) {
  return d === 0 ? '-' : (n / d).toFixed(3);
}

/** Prints rows (objects with the same keys) as a table with aligned columns. */
export function printTable(rows) {
  const cols = Object.keys(rows[0]);
  const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  const line = (vals) => vals.map((v, i) => String(v).padEnd(width[i])).join('  ');
  console.log(line(cols));
  for (const r of rows) console.log(line(cols.map((c) => r[c])));
}
