// Benchmarks that print figures (never timed tests): workspace scan against rg, ruff (wasm) and Bandit,
// scaling over 1x/2x/4x copies (tlslint and rg: the median of 3 runs), keystroke-to-diagnostics latency through the real server over stdio,
// memory with 50 open copies of test_ssl.py, and cold start.
// and the engine document in process (document).
// Usage: npm run bench -- [scan|scaling|latency|memory|coldstart|document|reuse ...] [--skip-bandit] [--quick]
// `npm run bench -- realworld [owner/name ...] [--stubs] [--verbose]` prints precision and recall on the
// hand-labelled real-code development set (bench/realworld.mjs; not part of the default run: it needs the
// repositories fetched).
// `npm run bench -- suites [suite ...] [--verbose]` prints precision and recall on other projects' labelled
// test suites (semgrep-rules, gosec, Bandit; bench/suites.mjs, data in bench/suites/; needs their mirrors).
// Builds the production bundles into bench/.dist first; rg and bandit come from Debian (apt-get install ripgrep python3-bandit).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { printTable as table } from './lib.mjs';
import { orphanLabels, realworldBench } from './realworld.mjs';
import { suitesBench } from './suites.mjs';

const require = createRequire(import.meta.url);
const root = join(dirname(new URL(import.meta.url).pathname), '..');
const args = process.argv.slice(2);
const flags = new Set(args.filter((a) => a.startsWith('--')));
const wanted = args.filter((a) => !a.startsWith('--'));
const all = wanted.length === 0;
// What users run: the production bundles (minified, no source maps), built afresh into bench/.dist.
// TLSLINT_BENCH_DEV=1 uses the development bundles in dist/ instead (readable names in profiles;
// TLSLINT_BENCH_PROFILE=<dir> writes a CPU profile of every server process there).
// TLSLINT_BENCH_DIST=<dir> benches bundles built elsewhere (an earlier commit's, for before/after figures
// from one machine and load) without building.
const dist =
  process.env.TLSLINT_BENCH_DIST ?? (process.env.TLSLINT_BENCH_DEV ? join(root, 'dist') : join(root, 'bench', '.dist'));
if (!process.env.TLSLINT_BENCH_DEV && !process.env.TLSLINT_BENCH_DIST)
  execFileSync(process.execPath, [join(root, 'scripts', 'esbuild.mjs'), '--production', `--outdir=${dist}`], {
    stdio: 'inherit',
  });
const cli = join(dist, 'cli.js');
const server = join(dist, 'server.js');
const work = join(tmpdir(), 'tlslint-bench');
const results = {
  date: new Date().toISOString(),
  node: process.version,
  cores: require('node:os').availableParallelism(),
};

function have(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

/** Runs a command under GNU time; returns wall seconds and peak RSS in MB. */
function measure(cmd, cmdArgs, opts = {}) {
  const r = spawnSync('/usr/bin/time', ['-f', '__TIME__ %e %M %U %S', cmd, ...cmdArgs], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    ...opts,
  });
  const m = /__TIME__ ([\d.]+) (\d+) ([\d.]+) ([\d.]+)/.exec(r.stderr ?? '');
  if (!m) throw new Error(`${cmd} failed: ${r.stderr?.slice(-2000)}`);
  // CPU (user + sys) is printed next to wall time: on a shared machine it moves less than wall time does.
  return {
    seconds: Number(m[1]),
    rssMB: Math.round(Number(m[2]) / 1024),
    cpu: Number(m[3]) + Number(m[4]),
    stdout: r.stdout,
    stderr: r.stderr,
    status: r.status,
  };
}

function pyFiles(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) pyFiles(p, out);
    else if (e.isFile() && e.name.endsWith('.py')) out.push(p);
  }
  return out;
}

/** The run with the median wall time of `runs` runs (these machines are noisy; --quick: one run). */
function median(runs, fn) {
  const all = Array.from({ length: flags.has('--quick') ? 1 : runs }, fn).sort((a, b) => a.seconds - b.seconds);
  return all[Math.floor(all.length / 2)];
}

function tlslintScan(dir, extra = []) {
  return median(3, () => {
    const m = measure(
      process.execPath,
      [cli, 'scan', dir, '--format', 'json', '--fail-on', 'error', '--verbose', ...extra],
      { cwd: dir },
    );
    const json = JSON.parse(m.stdout);
    const untouched = /(\d+) of \d+ files hold no TLS-related token/.exec(m.stderr ?? '');
    return {
      ...m,
      files: json.summary.files,
      findings: json.summary.findings,
      skipped: json.summary.skipped,
      untouched: untouched ? Number(untouched[1]) : undefined,
    };
  });
}

const TLS_REGEX =
  'verify\\s*=|wrap_socket|PROTOCOL_(SSL|TLS)|CERT_NONE|check_hostname|TLSVersion|set_ciphers|_create_unverified_context|disable_warnings|cert_reqs';

function scanBench() {
  const stdlib = execFileSync('python3', ['-c', 'import sysconfig; print(sysconfig.get_paths()["stdlib"])'], {
    encoding: 'utf8',
  }).trim();
  const files = pyFiles(stdlib);
  const mb = files.reduce((n, f) => n + statSync(f).size, 0) / 1e6;
  console.log(`\n## Workspace scan: ${stdlib} (${files.length} .py files, ${mb.toFixed(1)} MB)\n`);
  const rows = [];
  // Warm the page cache so every tool reads from memory.
  if (have('rg')) spawnSync('rg', ['--no-ignore', '-c', 'zzzz', stdlib]);
  // Cold: no results cache (every file is read, screened and linted, as on a first run or in CI). Warm: the
  // cache of the run before holds every unchanged file's result (an editor's or a pre-commit re-run).
  const cold = tlslintScan(stdlib, ['--no-cache']);
  const t = tlslintScan(stdlib);
  for (const [tool, r] of [
    ['tlslint (cold: --no-cache)', cold],
    ['tlslint (warm: results cache)', t],
  ])
    rows.push({
      tool,
      files: r.files,
      findings: r.findings,
      'wall s': r.seconds.toFixed(2),
      'CPU s': r.cpu.toFixed(2),
      'peak RSS MB': r.rssMB,
    });
  let rg;
  if (have('rg')) {
    rg = median(3, () => measure('rg', ['--no-ignore', '-t', 'py', '-c', '-e', TLS_REGEX, stdlib]));
    rows.push({
      tool: 'rg (TLS regex)',
      files: files.length,
      findings: rg.stdout.split('\n').filter(Boolean).length + ' files',
      'wall s': rg.seconds.toFixed(2),
      'CPU s': rg.cpu.toFixed(2),
      'peak RSS MB': rg.rssMB,
    });
  }
  const ruffScript = join(root, 'bench', 'ruff-scan.mjs');
  const ruff = measure(process.execPath, [ruffScript, stdlib]);
  const ruffOut = JSON.parse(ruff.stdout);
  rows.push({
    tool: 'ruff-wasm (S501-S504,S323)',
    files: ruffOut.files,
    findings: ruffOut.findings,
    'wall s': ruff.seconds.toFixed(2),
    'CPU s': ruff.cpu.toFixed(2),
    'peak RSS MB': ruff.rssMB,
  });
  let bandit;
  if (!flags.has('--skip-bandit') && have('bandit')) {
    bandit = measure('bandit', ['-r', stdlib, '-q', '-f', 'json', '-t', 'B501,B502,B503,B504,B323']);
    const out = JSON.parse(bandit.stdout || '{"results":[]}');
    rows.push({
      tool: 'bandit (B501-B504,B323)',
      files: files.length,
      findings: out.results.length,
      'wall s': bandit.seconds.toFixed(2),
      'CPU s': bandit.cpu.toFixed(2),
      'peak RSS MB': bandit.rssMB,
    });
  }
  table(rows);
  console.log('');
  if (rg) {
    console.log(`tlslint / rg    = ${(cold.seconds / rg.seconds).toFixed(2)}x cold   (target <= 5x)`);
    console.log(`tlslint / rg    = ${(t.seconds / rg.seconds).toFixed(2)}x warm`);
  }
  console.log(`tlslint / ruff  = ${(t.seconds / ruff.seconds).toFixed(2)}x   (target <= 0.25x)`);
  if (rg)
    console.log(
      `CPU: tlslint / rg = ${(cold.cpu / rg.cpu).toFixed(2)}x cold, ${(t.cpu / rg.cpu).toFixed(2)}x warm; tlslint / ruff = ${(cold.cpu / ruff.cpu).toFixed(2)}x cold   (load average ${loadavg()[0].toFixed(1)} on ${results.cores} cores)`,
    );
  if (bandit) console.log(`tlslint / bandit = ${(t.seconds / bandit.seconds).toFixed(3)}x`);
  console.log(`peak RSS        = ${cold.rssMB} MB cold, ${t.rssMB} MB warm   (target < 300 MB)`);
  if (t.untouched !== undefined)
    console.log(`files read but not decoded or parsed (no TLS-related token): ${t.untouched} of ${t.files}`);
  results.scan = {
    corpus: stdlib,
    files: files.length,
    mb,
    tlslint: t.seconds,
    tlslintCpu: t.cpu,
    rssMB: t.rssMB,
    cold: { seconds: cold.seconds, cpu: cold.cpu, rssMB: cold.rssMB, findings: cold.findings },
    rg: rg?.seconds,
    rgCpu: rg?.cpu,
    ruff: ruff.seconds,
    ruffCpu: ruff.cpu,
    bandit: bandit?.seconds,
    findings: t.findings,
    load: loadavg()[0],
  };

  // A mixed-language tree: this repo's node_modules JavaScript, Debian's Go sources, a JDK src.zip subset.
  const mixed = join(work, 'mixed');
  if (!existsSync(mixed)) {
    mkdirSync(mixed, { recursive: true });
    spawnSync('cp', ['-r', join(root, 'node_modules'), join(mixed, 'js')]);
    for (const go of ['/usr/share/go-1.19/src', '/usr/lib/go/src'])
      if (existsSync(go)) {
        spawnSync('cp', ['-r', go, join(mixed, 'go')]);
        break;
      }
    const zip = [
      '/usr/lib/jvm/temurin-25-jdk-amd64/lib/src.zip',
      '/usr/lib/jvm/java-17-openjdk-amd64/lib/src.zip',
    ].find(existsSync);
    if (zip && have('unzip')) spawnSync('unzip', ['-q', zip, 'java.base/*', '-d', join(mixed, 'java')]);
  }
  const mt = tlslintScan(mixed);
  console.log(`\n## Workspace scan: mixed tree ${mixed}\n`);
  const mrows = [
    {
      tool: 'tlslint',
      files: mt.files,
      skipped: mt.skipped,
      findings: mt.findings,
      'wall s': mt.seconds.toFixed(2),
      'peak RSS MB': mt.rssMB,
    },
  ];
  if (have('rg')) {
    const r = measure('rg', [
      '--no-ignore',
      '-c',
      '-e',
      'InsecureSkipVerify|rejectUnauthorized|TrustManager|SSLContext|verify\\s*=',
      mixed,
    ]);
    mrows.push({
      tool: 'rg (TLS regex)',
      files: '-',
      skipped: '-',
      findings: r.stdout.split('\n').filter(Boolean).length + ' files',
      'wall s': r.seconds.toFixed(2),
      'peak RSS MB': r.rssMB,
    });
    console.log('');
    table(mrows);
    console.log(`\ntlslint / rg = ${(mt.seconds / r.seconds).toFixed(2)}x`);
    results.mixed = { files: mt.files, tlslint: mt.seconds, rssMB: mt.rssMB, rg: r.seconds };
  } else table(mrows);
}

function scalingBench() {
  const stdlib = execFileSync('python3', ['-c', 'import sysconfig; print(sysconfig.get_paths()["stdlib"])'], {
    encoding: 'utf8',
  }).trim();
  console.log('\n## Scaling: the stdlib copied 1x, 2x, 4x (hard links)\n');
  const rows = [];
  const base = [];
  for (const k of [1, 2, 4]) {
    const dir = join(work, `scale-${k}`);
    if (!existsSync(dir)) {
      mkdirSync(dir, { recursive: true });
      for (let i = 0; i < k; i++) spawnSync('cp', ['-al', stdlib, join(dir, `copy${i}`)]);
    }
    const t = tlslintScan(dir);
    base.push(t);
    rows.push({
      copies: k,
      files: t.files,
      'wall s': t.seconds.toFixed(2),
      'time / 1x': (t.seconds / base[0].seconds).toFixed(2),
      'CPU s': t.cpu.toFixed(2),
      'CPU / 1x': (t.cpu / base[0].cpu).toFixed(2),
      'peak RSS MB': t.rssMB,
      'RSS / 1x': (t.rssMB / base[0].rssMB).toFixed(2),
    });
  }
  table(rows);
  results.scaling = rows;
}

// ---- LSP ----------------------------------------------------------------------------------------

async function startServer() {
  const {
    createProtocolConnection,
    StreamMessageReader,
    StreamMessageWriter,
  } = require('vscode-languageserver-protocol/node');
  const t0 = performance.now();
  const child = spawn(
    process.execPath,
    [
      ...(process.env.TLSLINT_BENCH_PROFILE
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.TLSLINT_BENCH_PROFILE}`]
        : []),
      server,
      '--stdio',
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const conn = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiters = [];
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    for (const w of [...waiters])
      if (w.match(p)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(p);
      }
  });
  conn.onRequest('workspace/configuration', (p) =>
    p.items.map((i) => (i.section === 'tlslint' ? { debounceMs: 0 } : null)),
  );
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onNotification(() => {});
  conn.listen();
  const folder = join(work, 'lsp-ws');
  mkdirSync(folder, { recursive: true });
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(folder).href,
    workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'ws' }],
    capabilities: {
      workspace: { configuration: true },
      textDocument: { publishDiagnostics: { versionSupport: true } },
    },
    initializationOptions: { debounceMs: 0 },
  });
  const tInit = performance.now() - t0;
  conn.sendNotification('initialized', {});
  const diagnostics = (uri, version) =>
    new Promise((resolve) =>
      waiters.push({
        match: (p) => p.uri === uri && (version === undefined || p.version === undefined || p.version === version),
        resolve,
      }),
    );
  const stop = async () => {
    try {
      await conn.sendRequest('shutdown');
      conn.sendNotification('exit');
    } catch {
      /* already gone */
    }
    setTimeout(() => child.kill(), 500).unref();
  };
  return { conn, t0, tInit, diagnostics, stop, folder, pid: child.pid };
}

function pythonFile(lines) {
  const block = [
    'import ssl',
    'import requests',
    '',
    '',
    'class Client:',
    '    """A small HTTP client."""',
    '',
    '    def __init__(self, base_url, timeout=5):',
    '        self.base_url = base_url',
    '        self.timeout = timeout',
    '        self.session = requests.Session()',
    '',
    '    def fetch(self, path):',
    '        # fetch a resource',
    '        url = self.base_url + path',
    '        response = requests.get(url, timeout=self.timeout, verify=False)',
    '        response.raise_for_status()',
    '        return response.json()',
    '',
    '    def context(self):',
    '        ctx = ssl.create_default_context()',
    '        ctx.check_hostname = True',
    '        return ctx',
    '',
    '',
    'def helper(values):',
    '    total = 0',
    '    for v in values:',
    '        if v % 2 == 0:',
    '            total += v',
    '        else:',
    '            total -= v',
    '    return total',
    '',
    '',
  ];
  const out = [];
  while (out.length < lines) out.push(...block);
  return out.slice(0, lines).join('\n') + '\n';
}

function typescriptFile(lines) {
  const block = [
    "import * as https from 'https';",
    "import * as tls from 'tls';",
    '',
    'interface Options {',
    '  host: string;',
    '  port: number;',
    '}',
    '',
    'export class Api {',
    '  constructor(private readonly opts: Options) {}',
    '',
    '  request(path: string): Promise<string> {',
    '    return new Promise((resolve, reject) => {',
    '      const req = https.request({ host: this.opts.host, path, rejectUnauthorized: false }, (res) => {',
    "        let body = '';",
    "        res.on('data', (c) => (body += c));",
    "        res.on('end', () => resolve(body));",
    '      });',
    "      req.on('error', reject);",
    '      req.end();',
    '    });',
    '  }',
    '',
    '  connect(): tls.TLSSocket {',
    "    return tls.connect({ host: this.opts.host, port: this.opts.port, minVersion: 'TLSv1.2' });",
    '  }',
    '}',
    '',
    'export function sum(xs: number[]): number {',
    '  let t = 0;',
    '  for (const x of xs) t += x;',
    '  return t;',
    '}',
    '',
  ];
  const out = [];
  while (out.length < lines) out.push(...block);
  return out.slice(0, lines).join('\n') + '\n';
}

function pct(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

/** mulberry32, as in test/helpers.ts: the bench picks the same lines on every run. */
function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The files the latency bench edits: TLS-heavy files from the machine's CPython library (its test suite
 * comes with python.org and pyenv builds; on Debian's python3 it is the package libpython3.X-testsuite),
 * a fixture repeated to 6,240 lines, and the generated 5,000-line Python and TypeScript files.
 */
function latencyFiles() {
  const stdlib = execFileSync('python3', ['-c', 'import sysconfig; print(sysconfig.get_paths()["stdlib"])'], {
    encoding: 'utf8',
  }).trim();
  const out = [];
  for (const rel of ['test/test_ssl.py', 'test/test_httplib.py', 'ssl.py']) {
    const p = join(stdlib, rel);
    if (existsSync(p)) out.push({ name: rel, lang: 'python', ext: 'py', text: readFileSync(p, 'utf8') });
    else console.log(`(skipped ${p}: missing; on Debian install libpython3.X-testsuite for test/)`);
  }
  const fixture = readFileSync(join(root, 'test', 'fixtures', 'python', 'ssl-verify-mode.py'), 'utf8');
  out.push({ name: 'ssl-verify-mode.py x52', lang: 'python', ext: 'py', text: fixture.repeat(52) });
  out.push({ name: '5,000-line python', lang: 'python', ext: 'py', text: pythonFile(5000) });
  out.push({ name: '5,000-line typescript', lang: 'typescript', ext: 'ts', text: typescriptFile(5000) });
  return out;
}

/** A line/character position of an offset. */
function positionOf(text, offset) {
  let line = 0;
  let last = -1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    last = i;
  }
  return { line, character: offset - last - 1 };
}

/** Lines that hold a call with an argument: `name(` followed by something other than `)`. */
function callSites(text) {
  const out = [];
  for (const m of text.matchAll(/[\w\])]\((?=[^)\n])/g)) out.push(m.index + 2);
  return out;
}

/**
 * The edits: each kind makes `samples` measured edits at seeded places; the edits that put the file back
 * (a deleted line restored, a pasted block removed) are applied too but not measured.
 */
function* editsOf(text, kind, samples, rand) {
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const lines = lineStarts.length - 1;
  const pickLine = () => Math.floor(rand() * (lines - 1));
  const lineText = (t, l) => {
    const starts = [0];
    for (let i = t.indexOf('\n'); i >= 0 && starts.length <= l + 1; i = t.indexOf('\n', i + 1)) starts.push(i + 1);
    return { start: starts[l], end: starts[l + 1] ?? t.length };
  };
  let current = text;
  const apply = (start, end, insert, measured) => {
    const edit = { range: { start: positionOf(current, start), end: positionOf(current, end) }, text: insert };
    current = current.slice(0, start) + insert + current.slice(end);
    return { edit, offsets: { start, end, text: insert }, measured, text: current };
  };
  for (let i = 0; i < samples; i++) {
    if (kind === 'type at line end') {
      let l = pickLine();
      while (lineText(current, l).end - lineText(current, l).start < 2) l = pickLine();
      yield apply(lineText(current, l).end - 1, lineText(current, l).end - 1, 'x', true);
    } else if (kind === 'type in call args') {
      const sites = callSites(current);
      if (sites.length === 0) return;
      const at = sites[Math.floor(rand() * sites.length)];
      yield apply(at, at, 'x', true);
    } else if (kind === 'delete a line') {
      const l = pickLine();
      const { start, end } = lineText(current, l);
      const removed = current.slice(start, end);
      yield apply(start, end, '', true);
      yield apply(start, start, removed, false);
    } else if (kind === 'enter at line end') {
      // A new line indented as this one (what an editor inserts for Enter), then taken out again.
      let l = pickLine();
      while (!/\S/.test(current.slice(lineText(current, l).start, lineText(current, l).end))) l = pickLine();
      const { start, end } = lineText(current, l);
      const indent = /^[ \t]*/.exec(current.slice(start, end))[0];
      yield apply(end - 1, end - 1, `\n${indent}`, true);
      yield apply(end - 1, end + indent.length, '', false);
    } else if (kind === 'typo deleted') {
      // A letter typed in a call's arguments (not measured), then deleted: the text linted before comes back.
      const sites = callSites(current);
      if (sites.length === 0) return;
      const at = sites[Math.floor(rand() * sites.length)];
      yield apply(at, at, 'x', false);
      yield apply(at, at + 1, '', true);
    } else if (kind === 'space at line end') {
      let l = pickLine();
      while (!/\S/.test(current.slice(lineText(current, l).start, lineText(current, l).end))) l = pickLine();
      yield apply(lineText(current, l).end - 1, lineText(current, l).end - 1, ' ', true);
    } else if (kind === 'type in a comment') {
      // A letter typed inside a comment (a line's `#` or `//` after blanks or two spaces), at a seeded place in it.
      const comments = [...current.matchAll(/(?:^[ \t]*| {2})(?:#|\/\/)[^\n]*/gm)].map((m) => ({
        start: m.index + m[0].search(/#|\/\//) + 1,
        end: m.index + m[0].length,
      }));
      if (comments.length === 0) return;
      const c = comments[Math.floor(rand() * comments.length)];
      const at = c.start + Math.floor(rand() * (c.end - c.start + 1));
      yield apply(at, at, 'x', true);
    } else if (kind === 'paste 50 lines') {
      const l = Math.floor(rand() * Math.max(1, lines - 51));
      const from = lineText(current, l).start;
      const to = lineText(current, l + 50).start;
      const block = current.slice(from, to);
      yield apply(from, from, block, true);
      yield apply(from, from + block.length, '', false);
    }
  }
}

const EDIT_KINDS = ['type at line end', 'type in call args', 'delete a line', 'paste 50 lines'];
/** Edits the document answers without running a detector (whitespace, blank lines, a text linted before). */
const REUSE_KINDS = ['space at line end', 'enter at line end', 'typo deleted', 'type in a comment'];

/**
 * The engine document in this process (no server, no protocol): wall and CPU time (process.cpuUsage, which
 * a shared machine's load moves less than wall time) per lint after each edit, with reuse (what the server
 * does) and with every lint running the detectors (what it did before the engine document). Uses tsc's out/.
 */
async function documentBench() {
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b'], {
    cwd: root,
    stdio: 'inherit',
  });
  const { openDocument } = require(join(root, 'out/server/src/engine/document.js'));
  const { loadGrammars } = require(join(root, 'out/server/src/host/grammars.js'));
  const { grammars } = await loadGrammars();
  const samples = flags.has('--quick') ? 15 : 40;
  console.log(
    `\n## Engine document: lint after each edit, in process (${samples} edits of each kind; load average ${loadavg()[0].toFixed(1)} on ${results.cores} cores)\n`,
  );
  const rows = [];
  for (const f of latencyFiles()) {
    const path = join(work, `document.${f.ext}`);
    for (const reuse of [true, false]) {
      const doc = openDocument(f.text, path, f.lang);
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const first = doc.lint(grammars, { reuse });
      const row = {
        file: f.name,
        reuse: reuse ? 'yes' : 'no',
        findings: first.findings.length,
        'open wall/CPU ms': `${(performance.now() - t0).toFixed(0)} / ${((process.cpuUsage(c0).user + process.cpuUsage(c0).system) / 1000).toFixed(0)}`,
      };
      for (const kind of [...EDIT_KINDS, ...REUSE_KINDS]) {
        // Each kind starts from the file as it is (as in the latency bench).
        if (doc.text !== f.text) {
          doc.applyChange({ start: 0, end: doc.text.length, text: f.text });
          doc.lint(grammars, { reuse });
        }
        const wall = [];
        const cpu = [];
        for (const e of editsOf(doc.text, kind, samples, seeded(12345))) {
          doc.applyChange(e.offsets);
          const c = process.cpuUsage();
          const t = performance.now();
          doc.lint(grammars, { reuse });
          if (!e.measured) continue;
          wall.push(performance.now() - t);
          const d = process.cpuUsage(c);
          cpu.push((d.user + d.system) / 1000);
        }
        row[`${kind} p50/p95 wall (CPU) ms`] =
          `${pct(wall, 50).toFixed(1)}/${pct(wall, 95).toFixed(1)} (${pct(cpu, 50).toFixed(1)}/${pct(cpu, 95).toFixed(1)})`;
      }
      doc.dispose();
      rows.push(row);
      console.log(Object.values(row).join(' | '));
    }
  }
  console.log('');
  table(rows);
  results.document = rows;
}

/**
 * Why edits re-lint: the engine document in this process after each edit of every latency kind (more places
 * than the latency bench), counting the lints answered from a lint before (`history`), without a reparse
 * (`inert`), from the last findings after checking the edited statement (`confined`), and those that ran the
 * detectors, by the first read or rule that stopped the reuse (`lastOutcome` of engine/document.ts).
 */
async function reuseBench() {
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b'], {
    cwd: root,
    stdio: 'inherit',
  });
  const { openDocument } = require(join(root, 'out/server/src/engine/document.js'));
  const { loadGrammars } = require(join(root, 'out/server/src/host/grammars.js'));
  const { grammars } = await loadGrammars();
  const samples = flags.has('--quick') ? 25 : 60;
  console.log(
    `\n## Reuse per edit kind (engine document in process, ${samples} edits of each kind; load average ${loadavg()[0].toFixed(1)})\n`,
  );
  const out = {};
  for (const f of latencyFiles()) {
    if (f.name.startsWith('5,000') && f.lang === 'python') continue;
    // TLSLINT_BENCH_FILES=ssl.py,httplib: only the files whose name holds one of these.
    const only = process.env.TLSLINT_BENCH_FILES?.split(',');
    if (only && !only.some((o) => f.name.includes(o))) continue;
    const doc = openDocument(f.text, join(work, `reuse.${f.ext}`), f.lang);
    doc.lint(grammars);
    const rows = [];
    const kinds = process.env.TLSLINT_BENCH_KINDS?.split(',') ?? [
      ...EDIT_KINDS,
      'enter at line end',
      'type in a comment',
    ];
    for (const kind of kinds) {
      // Each kind starts from the file as it is (as in the latency bench).
      if (doc.text !== f.text) {
        doc.applyChange({ start: 0, end: doc.text.length, text: f.text });
        doc.lint(grammars);
      }
      const outcomes = new Map();
      const wall = [];
      const reusedWall = [];
      for (const e of editsOf(doc.text, kind, samples, seeded(777))) {
        doc.applyChange(e.offsets);
        const t = performance.now();
        doc.lint(grammars);
        if (!e.measured) continue;
        wall.push(performance.now() - t);
        const o = doc.lastOutcome;
        outcomes.set(o, (outcomes.get(o) ?? 0) + 1);
        if (!o.startsWith('ran')) reusedWall.push(wall[wall.length - 1]);
      }
      const ran = [...outcomes].filter(([o]) => o.startsWith('ran')).reduce((n, [, c]) => n + c, 0);
      const why = [...outcomes]
        .filter(([o]) => o.startsWith('ran'))
        .sort((a, b) => b[1] - a[1])
        .map(([o, c]) => `${c} ${o.slice(5)}`)
        .join('; ');
      rows.push({
        kind,
        edits: wall.length,
        reused: wall.length - ran,
        ran,
        'p50/p95 ms': wall.length ? `${pct(wall, 50).toFixed(1)}/${pct(wall, 95).toFixed(1)}` : '-',
        'reused p50/p95 ms': reusedWall.length
          ? `${pct(reusedWall, 50).toFixed(1)}/${pct(reusedWall, 95).toFixed(1)}`
          : '-',
        'why the detectors ran': why,
      });
    }
    doc.dispose();
    console.log(`\n### ${f.name}\n`);
    table(rows);
    out[f.name] = rows;
  }
  results.reuse = out;
}

/** Peak and current RSS of a process, in MB (Linux /proc). */
function rssOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
    return { peakMB: Math.round(kb('VmHWM') / 1024), rssMB: Math.round(kb('VmRSS') / 1024) };
  } catch {
    return undefined;
  }
}

async function latencyBench() {
  const samples = flags.has('--quick') ? 15 : 40;
  console.log(
    `\n## Keystroke to fresh diagnostics (real server over stdio, debounceMs 0, ${samples} edits of each kind; load average ${loadavg()[0].toFixed(1)} on ${results.cores} cores)\n`,
  );
  const rows = [];
  for (const f of latencyFiles()) {
    const s = await startServer();
    const file = join(s.folder, `latency.${f.ext}`);
    writeFileSync(file, f.text);
    const uri = pathToFileURL(file).href;
    let version = 1;
    const t0 = performance.now();
    const first = s.diagnostics(uri, 1);
    s.conn.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: f.lang, version, text: f.text },
    });
    const firstDiag = await first;
    const openMs = performance.now() - t0;
    const row = {
      file: f.name,
      lines: f.text.split('\n').length - 1,
      findings: firstDiag.diagnostics.length,
      'open ms': openMs.toFixed(0),
    };
    let text = f.text;
    for (const kind of [...EDIT_KINDS, 'enter at line end', 'typo deleted', 'type in a comment']) {
      // Each kind starts from the file as it is (unmeasured): the letters an earlier kind typed at line ends
      // leave syntax errors that would otherwise be every later kind's text.
      if (text !== f.text) {
        version++;
        const back = s.diagnostics(uri, version);
        const end = positionOf(text, text.length);
        s.conn.sendNotification('textDocument/didChange', {
          textDocument: { uri, version },
          contentChanges: [{ range: { start: { line: 0, character: 0 }, end }, text: f.text }],
        });
        await back;
        text = f.text;
      }
      const rand = seeded(12345);
      const times = [];
      for (const e of editsOf(text, kind, samples, rand)) {
        version++;
        const wait = s.diagnostics(uri, version);
        const t = performance.now();
        s.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [e.edit] });
        await wait;
        if (e.measured) times.push(performance.now() - t);
        text = e.text;
      }
      row[`${kind} p50/p95/max ms`] = times.length
        ? `${pct(times, 50).toFixed(1)} / ${pct(times, 95).toFixed(1)} / ${Math.max(...times).toFixed(1)}`
        : '-';
    }
    row['server RSS MB'] = rssOf(s.pid)?.peakMB ?? '-';
    await s.stop();
    rows.push(row);
    console.log(Object.values(row).join(' | '));
  }
  console.log('');
  table(rows);
  console.log(
    '\n(targets: keystroke p95 <= 10 ms, paste 50 lines p95 <= 25 ms, open test_ssl.py <= 150 ms; load average now ' +
      `${loadavg()[0].toFixed(1)})`,
  );
  results.latency = rows;
}

/** 50 copies of test_ssl.py opened at once: time until all are diagnosed, and the server's peak RSS. */
async function memoryBench() {
  const [f] = latencyFiles();
  console.log(`\n## 50 open copies of ${f.name} (time to all diagnosed, server peak RSS)\n`);
  const s = await startServer();
  const waits = [];
  const t0 = performance.now();
  for (let i = 0; i < 50; i++) {
    const file = join(s.folder, `copy${i}.${f.ext}`);
    writeFileSync(file, f.text);
    const uri = pathToFileURL(file).href;
    waits.push(s.diagnostics(uri, 1));
    s.conn.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: f.lang, version: 1, text: f.text },
    });
  }
  await Promise.all(waits);
  const ms = performance.now() - t0;
  const rss = rssOf(s.pid);
  await s.stop();
  console.log(
    `all 50 diagnosed in ${(ms / 1000).toFixed(1)} s; server peak RSS ${rss?.peakMB} MB, RSS after ${rss?.rssMB} MB (target <= 300 MB; load average ${loadavg()[0].toFixed(1)})`,
  );
  results.memory = { seconds: ms / 1000, peakMB: rss?.peakMB, rssMB: rss?.rssMB };
}

async function coldStartBench() {
  console.log('\n## Cold start (process start to initialize answered, and to first diagnostics)\n');
  const rows = [];
  for (let i = 0; i < 5; i++) {
    const s = await startServer();
    const file = join(s.folder, 'small.py');
    const text = 'import requests\nrequests.get("https://example.com", verify=False)\n';
    writeFileSync(file, text);
    const uri = pathToFileURL(file).href;
    const wait = s.diagnostics(uri, 1);
    s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
    await wait;
    const tDiag = performance.now() - s.t0;
    await s.stop();
    rows.push({ run: i + 1, 'initialize ms': s.tInit.toFixed(0), 'first diagnostics ms': tDiag.toFixed(0) });
  }
  table(rows);
  const med = (k) =>
    pct(
      rows.map((r) => Number(r[k])),
      50,
    );
  console.log(
    `\nmedian: initialize ${med('initialize ms')} ms, first diagnostics ${med('first diagnostics ms')} ms (target < 300 ms)`,
  );
  results.coldStart = rows;
}

mkdirSync(work, { recursive: true });
if (all || wanted.includes('scan')) scanBench();
if (all || wanted.includes('scaling')) scalingBench();
if (all || wanted.includes('latency')) await latencyBench();
if (all || wanted.includes('memory')) await memoryBench();
if (all || wanted.includes('document')) await documentBench();
if (wanted.includes('reuse')) await reuseBench();
if (all || wanted.includes('coldstart')) await coldStartBench();
if (wanted.includes('realworld')) {
  for (const f of orphanLabels(root))
    console.log(`warning: bench/realworld/labels/${f} names no repository in repos.json`);
  results.realworld = realworldBench({
    root,
    cli,
    filter: wanted.filter((w) => w.includes('/')),
    stubs: flags.has('--stubs'),
    verbose: flags.has('--verbose'),
  });
}
if (wanted.includes('suites')) {
  results.suites = suitesBench({
    root,
    cli,
    filter: wanted.filter((w) => w !== 'suites' && w !== 'realworld' && !w.includes('/')),
    verbose: flags.has('--verbose'),
  });
}
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(join(root, 'bench', 'results', 'latest.json'), JSON.stringify(results, null, 2));
if (flags.has('--clean')) rmSync(work, { recursive: true, force: true });
