// Benchmark (prints figures, asserts nothing): the CLI's results cache, cold vs warm, on a large tree
// (default: the CPython library, /usr/lib/python3.*). The cache goes to a scratch folder (--cache-dir), so
// the tree is never written to. Uses the built dist/cli.js (npm run build first).
// Usage: node bench/cli-cache.mjs [FOLDER] [--runs N]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const root = join(dirname(new URL(import.meta.url).pathname), '..');
const cli = join(root, 'dist', 'cli.js');
const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
const folder =
  args.find((a, i) => !a.startsWith('--') && i !== runsAt + 1) ??
  readdirSync('/usr/lib')
    .filter((d) => /^python3\.\d+$/.test(d))
    .map((d) => join('/usr/lib', d))[0];
if (!folder || !existsSync(folder) || !existsSync(cli)) {
  console.error('usage: node bench/cli-cache.mjs [FOLDER] (needs dist/cli.js: npm run build)');
  process.exit(2);
}

function scan(extra) {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [cli, 'scan', folder, '--format', 'json', ...extra], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(r.stderr);
  const summary = JSON.parse(r.stdout).summary;
  return { ms, files: summary.files, findings: summary.findings };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const version = spawnSync(process.execPath, [cli, '--version'], { encoding: 'utf8' });
const startup = median(
  Array.from({ length: runs }, () => {
    const t = process.hrtime.bigint();
    spawnSync(process.execPath, [cli, '--version']);
    return Number(process.hrtime.bigint() - t) / 1e6;
  }),
);
const cold = [];
const warm = [];
let shape;
for (let i = 0; i < runs; i++) {
  const dir = mkdtempSync(join(tmpdir(), 'tlslint-cache-bench-'));
  try {
    const c = scan(['--cache-dir', dir]);
    const w = scan(['--cache-dir', dir]);
    if (c.findings !== w.findings || c.files !== w.files) throw new Error('warm and cold results differ');
    cold.push(c.ms);
    warm.push(w.ms);
    shape = c;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const nocache = median(Array.from({ length: runs }, () => scan(['--no-cache']).ms));
console.log(
  `${version.stdout.trim()} on ${folder}: ${shape.files} files, ${shape.findings} findings (median of ${runs})`,
);
console.log(`  --no-cache  ${nocache.toFixed(0)} ms`);
console.log(`  cold cache  ${median(cold).toFixed(0)} ms (lints and writes the cache)`);
console.log(`  warm cache  ${median(warm).toFixed(0)} ms (${(median(cold) / median(warm)).toFixed(1)}x faster)`);
console.log(`  start-up    ${startup.toFixed(0)} ms (tlslint --version: the floor of any run)`);
