// The real-code development set (issue 10, "How to measure"): hand-labelled findings in repositories
// nobody here wrote, and the precision and recall tlslint reaches on them. It prints figures; it is
// never a timed or pass/fail test.
//
// Data (bench/realworld/):
//   repos.json                       [{ repo: "owner/name", commit: "<40-hex>", why }]
//   labels/<owner>+<name>.json       { repo, commit, labels: [{ path, line, rule | null, optIn?, why }] }
// A label with a rule says that rule must be reported on that 1-based line (a positive); `rule: null`
// says nothing (beyond the line's positive labels) may be reported there (a triaged false positive).
// `optIn: true` marks an insecure value on a caller-controlled opt-in path (still a positive).
//
// Each repository's git dir comes from the snapshots the search tool's `fetch` brings
// (/work/.mirror/<owner+name>/repo; TLSLINT_REALWORLD_MIRRORS overrides the root). The pinned commit is
// read out blob by blob (the mirror is never written; files marked export-ignore, often the tests, are
// kept; blobs a snapshot lacks are skipped and counted) into bench/corpus/realworld/<owner+name>/ (git-ignored), and
// scanned with the built CLI, `--format json`, default settings.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UNSCORED_RULES, mirrorOf, printTable, ratio, readObjects, scanJson } from './lib.mjs';

const COMMIT_MARK = '.tlslint-realworld-commit';

/** Checks the commit out into `dest` unless it is already there; returns an error text or undefined. */
function exportTree(gitDir, commit, dest) {
  const mark = join(dest, COMMIT_MARK);
  if (existsSync(mark) && readFileSync(mark, 'utf8').trim() === commit) return undefined;
  const has = spawnSync('git', ['--git-dir', gitDir, 'cat-file', '-e', `${commit}^{commit}`]);
  if (has.status !== 0) return `commit ${commit} is not in ${gitDir} (fetch a newer snapshot or re-pin)`;
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(dest, { recursive: true });
  // Snapshots may lack their largest blobs (images, archives), so `git archive` and `checkout-index`
  // fail on them: read the tree and every blob through one `cat-file --batch` per chunk, skipping
  // absent ones (counted), symbolic links and submodules.
  const tree = execFileSync('git', ['--git-dir', gitDir, 'ls-tree', '-r', '-z', '--full-tree', commit], {
    maxBuffer: 1 << 30,
    encoding: 'utf8',
  })
    .split('\0')
    .filter(Boolean)
    .map((e) => {
      const tab = e.indexOf('\t');
      const [mode, type, id] = e.slice(0, tab).split(' ');
      return { mode, type, id, path: e.slice(tab + 1) };
    })
    .filter((e) => e.type === 'blob' && e.mode !== '120000');
  let absent = 0;
  for (let i = 0; i < tree.length; i += 500) {
    const chunk = tree.slice(i, i + 500);
    readObjects(
      gitDir,
      chunk.map((e) => e.id),
    ).forEach((blob, k) => {
      if (!blob) {
        absent++;
        return;
      }
      const file = join(dest, chunk[k].path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, blob);
    });
  }
  if (absent) console.log(`${gitDir}: ${absent} blobs absent from the snapshot (not checked out)`);
  writeFileSync(mark, commit + '\n');
  return undefined;
}

function loadLabels(dir, repo) {
  const file = join(dir, 'labels', `${repo.replace('/', '+')}.json`);
  if (!existsSync(file)) return { file, labels: [] };
  const data = JSON.parse(readFileSync(file, 'utf8'));
  if (data.repo !== repo) throw new Error(`${file}: "repo" is ${data.repo}, expected ${repo}`);
  for (const l of data.labels) {
    if (typeof l.path !== 'string' || !Number.isInteger(l.line) || !(l.rule === null || typeof l.rule === 'string'))
      throw new Error(`${file}: bad label ${JSON.stringify(l)}`);
  }
  return { file, commit: data.commit, labels: data.labels };
}

/** Scores one repository's findings against its labels. */
export function score(findings, labels) {
  const key = (path, line, rule) => `${path}:${line}:${rule}`;
  const positives = new Map();
  const negatives = new Set();
  for (const l of labels) {
    if (l.rule === null) negatives.add(`${l.path}:${l.line}`);
    else positives.set(key(l.path, l.line, l.rule), l);
  }
  const seen = new Map();
  for (const f of findings) {
    const k = key(f.path, f.line, f.rule);
    if (!seen.has(k)) seen.set(k, f);
  }
  const tp = [];
  const fp = [];
  const untriaged = [];
  for (const [k, f] of seen) {
    if (positives.has(k)) tp.push(f);
    else if (negatives.has(`${f.path}:${f.line}`)) fp.push(f);
    else untriaged.push(f);
  }
  const missed = [...positives].filter(([k]) => !seen.has(k)).map(([, l]) => l);
  const optIn = [...positives.values()].filter((l) => l.optIn);
  return {
    findings: seen.size,
    duplicates: findings.length - seen.size,
    tp,
    fp,
    untriaged,
    missed,
    positives: positives.size,
    negatives: negatives.size,
    optIn: optIn.length,
    optInFound: optIn.filter((l) => seen.has(key(l.path, l.line, l.rule))).length,
  };
}

/**
 * Runs the set. `cli` is the built CLI bundle; `filter` names repositories to run (empty: all).
 * With `stubs`, writes each repository's untriaged findings as label stubs to bench/results/realworld-stubs/.
 */
export function realworldBench({ root, cli, filter = [], stubs = false, verbose = false }) {
  const dir = join(root, 'bench', 'realworld');
  const mirrors = process.env.TLSLINT_REALWORLD_MIRRORS ?? '/work/.mirror';
  const corpus = join(root, 'bench', 'corpus', 'realworld');
  const repos = JSON.parse(readFileSync(join(dir, 'repos.json'), 'utf8')).filter(
    (r) => filter.length === 0 || filter.includes(r.repo),
  );
  console.log(`\n## Real-code development set: ${repos.length} repositories (mirrors: ${mirrors})\n`);
  const rows = [];
  const total = { findings: 0, tp: 0, fp: 0, untriaged: 0, missed: 0, positives: 0, negatives: 0 };
  const missing = [];
  const results = [];
  for (const { repo, commit } of repos) {
    const gitDir = mirrorOf(mirrors, repo);
    if (!gitDir) {
      missing.push(`missing: fetch github:${repo}`);
      continue;
    }
    const { file: labelFile, commit: labelCommit, labels } = loadLabels(dir, repo);
    if (labelCommit && labelCommit !== commit)
      console.log(`warning: ${labelFile} labels commit ${labelCommit}, repos.json pins ${commit}`);
    const dest = join(corpus, repo.replace('/', '+'));
    const err = exportTree(gitDir, commit, dest);
    if (err) {
      missing.push(`missing: ${repo}: ${err}`);
      continue;
    }
    const t0 = Date.now();
    let json;
    try {
      json = scanJson(cli, dest);
    } catch (e) {
      missing.push(`failed: ${repo}: ${e.message}`);
      continue;
    }
    const scored = json.findings.filter((f) => !UNSCORED_RULES.has(f.rule));
    const s = score(scored, labels);
    const unscored = json.findings.length - scored.length;
    const seconds = ((Date.now() - t0) / 1000).toFixed(1);
    results.push({ repo, commit, files: json.summary.files, seconds, ...s });
    rows.push({
      repository: repo,
      files: json.summary.files,
      findings: s.findings,
      tp: s.tp.length,
      fp: s.fp.length,
      untriaged: s.untriaged.length,
      missed: s.missed.length,
      unscored,
      labels: `${s.positives}+${s.negatives}`,
      precision: ratio(s.tp.length, s.findings),
      recall: ratio(s.positives - s.missed.length, s.positives),
      's scan': seconds,
    });
    total.findings += s.findings;
    total.tp += s.tp.length;
    total.fp += s.fp.length;
    total.untriaged += s.untriaged.length;
    total.missed += s.missed.length;
    total.positives += s.positives;
    total.negatives += s.negatives;
    if (stubs && s.untriaged.length) {
      const out = join(root, 'bench', 'results', 'realworld-stubs');
      mkdirSync(out, { recursive: true });
      const stub = s.untriaged.map((f) => ({ path: f.path, line: f.line, rule: f.rule, why: `TRIAGE: ${f.message}` }));
      writeFileSync(join(out, `${repo.replace('/', '+')}.json`), JSON.stringify(stub, null, 2) + '\n');
    }
  }
  if (rows.length) {
    rows.push({
      repository: 'overall',
      files: rows.reduce((n, r) => n + r.files, 0),
      findings: total.findings,
      tp: total.tp,
      fp: total.fp,
      untriaged: total.untriaged,
      missed: total.missed,
      unscored: rows.reduce((n, r) => n + r.unscored, 0),
      labels: `${total.positives}+${total.negatives}`,
      precision: ratio(total.tp, total.findings),
      recall: ratio(total.positives - total.missed, total.positives),
      's scan': rows.reduce((n, r) => n + Number(r['s scan']), 0).toFixed(1),
    });
    printTable(rows);
  }
  for (const m of missing) console.log(m);
  console.log(
    `\nlabels: positives+negatives (rule null). Untriaged findings count as false positives until labelled. Unscored: findings of ${[...UNSCORED_RULES].join(', ')}.`,
  );
  for (const res of results) {
    const lines = [
      ...res.untriaged.map((f) => `  untriaged ${f.path}:${f.line} ${f.rule} (${f.detector}): ${f.message}`),
      ...res.missed.map((l) => `  missed    ${l.path}:${l.line} ${l.rule}${l.optIn ? ' [opt-in]' : ''}: ${l.why}`),
      ...(verbose ? res.fp.map((f) => `  false +   ${f.path}:${f.line} ${f.rule} (${f.detector}): ${f.message}`) : []),
    ];
    if (lines.length) console.log(`\n${res.repo}:\n${lines.join('\n')}`);
  }
  const summary = {
    ...total,
    precision: total.findings ? total.tp / total.findings : null,
    recall: total.positives ? (total.positives - total.missed) / total.positives : null,
    repositories: results.map((r) => ({
      repo: r.repo,
      commit: r.commit,
      files: r.files,
      findings: r.findings,
      tp: r.tp.length,
      fp: r.fp.length,
      untriaged: r.untriaged.length,
      missed: r.missed.length,
      positives: r.positives,
      optIn: r.optIn,
      optInFound: r.optInFound,
    })),
    missing,
  };
  return summary;
}

/** Lists the label files whose repository is not in repos.json (a typo, or a repository not yet pinned). */
export function orphanLabels(root) {
  const dir = join(root, 'bench', 'realworld');
  const names = new Set(
    JSON.parse(readFileSync(join(dir, 'repos.json'), 'utf8')).map((r) => `${r.repo.replace('/', '+')}.json`),
  );
  const labelsDir = join(dir, 'labels');
  return existsSync(labelsDir) ? readdirSync(labelsDir).filter((f) => f.endsWith('.json') && !names.has(f)) : [];
}
