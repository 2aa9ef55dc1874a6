// The `tlslint` command line: walk, lint (optionally on worker threads), fix, and report as text, JSON
// or SARIF. Sets process.exitCode (0 clean, 1 findings, 2 usage/config error) and never calls exit().
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SEVERITY_RANK, type LintSettings, type SeveritySetting } from '../engine/types';
import { languageOf } from '../engine/languages';
import { staleNoticeAnchors, staleTableFinding } from '../engine/deps/advisories';
import { severityOf } from '../engine/lint';
import { VERSION } from '../version';
import { removeStaleTemps, writeFileAtomic } from '../host/atomic';
import {
  ConfigResolver,
  distinctErrors,
  formatConfigError,
  toLintSettings,
  type LocatedConfigError,
  type ResolvedConfig,
} from '../host/config';
import { installFaultInjection } from '../host/fault-injection';
import { decodeSource, encodeSource, notWritableReason } from '../host/files';
import { GrammarLoader } from '../host/grammars';
import { FORCE_EXCLUDED, configIgnoreLayers, isExcludedPath, walkBatches } from '../host/walk';
import { HELP, KNOWN_RULE_IDS, UsageError, parseCliArgs, type CliOptions } from './args';
import { applyBaseline, baselineJson, loadBaseline, type BaselineFile } from './baseline';
import type { DependencyState } from '../engine/workspace';
import { summaryLanguages } from '../host/workspace-index';
import { CACHE_DIR_NAME, ResultCache, cacheKey, fileCacheKey, settingsCacheKey, type Lookup } from './cache';
import { unifiedDiff } from './format/diff';
import { formatGithub } from './format/github';
import { formatJson, type ScanSummary } from './format/json';
import { formatStatistics } from './format/statistics';
import { formatSarif } from './format/sarif';
import { formatText } from './format/text';
import { isNotebookPath, processNotebookText } from './notebook';
import { LintPool, isTlslintWorker, runWorker, type WorkItem } from './pool';
import { ruleCommand } from './rule';
import { emptyReport, fixText, lintText, wantsFix, type FileReport, type OutFinding } from './scan';

/** Files per worker below which threads cost more than they save (each loads the grammars). */
const FILES_PER_AUTO_JOB = 400;

function toPosix(p: string): string {
  return path.sep === '/' ? p : p.split(path.sep).join('/');
}

function err(line: string): void {
  process.stderr.write(line + '\n');
}

/** Applies --rule/--disable over the config's rule severities. */
function cliSettings(base: LintSettings, opts: CliOptions): LintSettings {
  const rules: Partial<Record<string, SeveritySetting>> = { ...base.rules };
  if (opts.rules.length) {
    for (const id of KNOWN_RULE_IDS) if (!opts.rules.includes(id)) rules[id] = 'off';
    // A rule named on the command line runs even if the config turned it off.
    for (const id of opts.rules) if (rules[id] === 'off') delete rules[id];
  }
  for (const id of opts.disable) rules[id] = 'off';
  return { ...base, rules: rules };
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

class Progress {
  private timer: NodeJS.Timeout | undefined;
  private shown = false;
  constructor(
    private readonly pool: LintPool,
    enabled: boolean,
  ) {
    // Only for long scans: start drawing after half a second.
    if (enabled) this.timer = setInterval(() => this.draw(), 200).unref();
    this.started = Date.now();
  }
  private readonly started: number;
  private draw(): void {
    if (Date.now() - this.started < 500) return;
    this.shown = true;
    process.stderr.write(`\r\x1b[Ktlslint: ${this.pool.done}/${this.pool.added} files`);
  }
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.shown) process.stderr.write('\r\x1b[K');
  }
}

/**
 * The configuration of every file, whatever the working folder: each folder's own (see ConfigResolver),
 * or the one `--config` names for all. Remembers which configurations the run touched, so their errors
 * can stop it before any source file is read.
 */
class Configs {
  private readonly resolver = new ConfigResolver();
  private readonly explicit: ResolvedConfig | undefined;
  private readonly settings = new Map<ResolvedConfig, LintSettings>();
  private readonly cacheKeys = new Map<ResolvedConfig, string>();
  readonly used = new Set<ResolvedConfig>();

  constructor(
    private readonly opts: CliOptions,
    explicitFile: string | undefined,
  ) {
    this.explicit = explicitFile ? this.resolver.forConfigFile(explicitFile) : undefined;
    if (this.explicit) this.used.add(this.explicit);
  }

  forDir(dir: string): ResolvedConfig {
    const c = this.explicit ?? this.resolver.forDir(dir);
    this.used.add(c);
    return c;
  }

  settingsOf(c: ResolvedConfig): LintSettings {
    let s = this.settings.get(c);
    if (!s) {
      s = cliSettings(toLintSettings(c.config), this.opts);
      this.settings.set(c, s);
    }
    return s;
  }

  /** The engine's path for a file: relative to its configuration's project folder, else `fallback`. */
  enginePath(c: ResolvedConfig, abs: string, fallback: string): string {
    if (!c.base) return fallback;
    const rel = path.relative(c.base, abs);
    return !rel || rel.startsWith('..') || path.isAbsolute(rel) ? fallback : toPosix(rel);
  }

  /** The results cache's key for a file under `c` (see cache.ts fileCacheKey). */
  fileCacheKey(c: ResolvedConfig, rel: string, enginePath: string | undefined): string {
    let k = this.cacheKeys.get(c);
    if (k === undefined) {
      k = settingsCacheKey(this.settingsOf(c));
      this.cacheKeys.set(c, k);
    }
    return fileCacheKey(k, rel, enginePath);
  }

  errors(): LocatedConfigError[] {
    return distinctErrors(this.used);
  }

  /** The configuration files in effect somewhere in the run, for --verbose. */
  files(): string[] {
    return [...new Set([...this.used].flatMap((c) => c.files))];
  }
}

/**
 * A configuration that could not be read stops the run: nothing is linted with defaults and nothing is
 * fixed under rules the user did not write. Each error is one line on stderr; JSON and SARIF carry them too
 * (SARIF: executionSuccessful false, one toolConfigurationNotification per error).
 */
async function configFailure(opts: CliOptions, errors: LocatedConfigError[], scanRoot: string): Promise<number> {
  for (const { file, error } of errors) {
    err(`tlslint: invalid configuration: ${formatConfigError(path.relative(process.cwd(), file) || file, error)}`);
  }
  if (!opts.quiet) err('tlslint: no file was linted or changed; fix the configuration and run again');
  const summary: ScanSummary = { files: 0, skipped: 0, findings: 0, durationMs: 0, suppressed: 0 };
  let out = '';
  if (opts.format === 'json') out = formatJson([], summary, { root: scanRoot, configErrors: errors });
  else if (opts.format === 'sarif')
    out = formatSarif({
      root: scanRoot,
      version: VERSION,
      reports: [],
      findings: [],
      suppressed: [],
      skipped: [],
      configErrors: errors,
    });
  if (opts.output && out) {
    try {
      await writeFileAtomic(path.resolve(opts.output), out);
    } catch (e) {
      err(`tlslint: cannot write --output ${opts.output}: ${(e as Error).message}`);
    }
  } else if (out) {
    process.stdout.write(out);
  }
  return 2;
}

function verboseConfig(opts: CliOptions, configs: Configs): void {
  if (!opts.verbose) return;
  const files = configs.files().map((f) => path.relative(process.cwd(), f) || f);
  err(`tlslint: ${files.length ? `using ${files.join(', ')}` : 'no .tlslint.json found; using defaults'}`);
}

/**
 * The results cache for a walk (--no-cache: none; never for standard input). Its run key holds what all files
 * share; each file's settings (its folder's configuration) and engine path are its entry's own key.
 */
function openCache(opts: CliOptions, scanRoot: string): ResultCache | undefined {
  // --fix lints every file afresh: a result from another run never decides what is written.
  if (!opts.cache || opts.fix || opts.stdinFilename !== undefined) return undefined;
  const dir = opts.cacheDir ? path.resolve(opts.cacheDir) : path.join(scanRoot, CACHE_DIR_NAME);
  // Entries are keyed by path relative to the scan root: another root has its own file.
  return ResultCache.open(dir, cacheKey({ maxBytes: opts.maxFileSize, root: scanRoot }), opts.maxFileSize, scanRoot);
}

async function run(argv: string[]): Promise<number> {
  const started = Date.now();
  let opts: CliOptions;
  try {
    opts = parseCliArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      err(`tlslint: ${e.message}`);
      return 2;
    }
    throw e;
  }
  if (opts.command === 'help') {
    process.stdout.write(HELP + '\n');
    return 0;
  }
  if (opts.command === 'version') {
    process.stdout.write(`tlslint ${VERSION}\n`);
    return 0;
  }
  if (opts.command === 'rule') {
    try {
      process.stdout.write(ruleCommand(opts.ruleId, opts.format === 'json'));
      return 0;
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      err(`tlslint: ${e.message}`);
      return 2;
    }
  }

  const cwd = process.cwd();
  const absPaths = opts.paths.map((p) => path.resolve(p));
  for (let i = 0; i < absPaths.length; i++) {
    if (!fs.existsSync(absPaths[i])) {
      err(`tlslint: path not found: ${opts.paths[i]}`);
      return 2;
    }
  }
  // The scan root: the one folder named, else the current folder. JSON and SARIF paths are relative to it.
  const scanRoot =
    opts.stdinFilename === undefined && absPaths.length === 1 && fs.statSync(absPaths[0]).isDirectory()
      ? absPaths[0]
      : cwd;

  if (opts.config && !fs.existsSync(path.resolve(opts.config))) {
    err(`tlslint: config file not found: ${opts.config}`);
    return 2;
  }
  const configs = new Configs(opts, opts.config ? path.resolve(opts.config) : undefined);
  const explicitErrors = configs.errors();
  if (explicitErrors.length) return configFailure(opts, explicitErrors, scanRoot);
  // A baseline that cannot be read stops the run before any file is read or written.
  let baseline: BaselineFile | undefined;
  if (opts.baseline) {
    try {
      baseline = loadBaseline(path.resolve(opts.baseline), opts.baseline);
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      err(`tlslint: ${e.message}`);
      return 2;
    }
  }
  const baselineFile = opts.baseline ?? opts.writeBaseline;
  // Baseline paths are relative to the baseline's folder, so the scan root and working folder do not matter.
  const baselinePath = (f: OutFinding) =>
    toPosix(path.relative(path.dirname(path.resolve(baselineFile ?? '.')), path.resolve(scanRoot, f.path)));
  const settings = cliSettings(toLintSettings({}), opts);
  // --fix writes only inside the paths named (a link in the tree to a file elsewhere is linted, not rewritten).
  const fixRoots = opts.fix ? absPaths.map((p) => fs.realpathSync(p)) : undefined;
  const scanOpts = {
    settings,
    maxBytes: opts.maxFileSize,
    // --diff computes the fixes as --fix does, and writes nothing.
    fix: opts.fix || opts.diff,
    unsafeFixes: opts.unsafeFixes,
    budgetMs: opts.timeBudget,
    fixRoots,
    diff: opts.diff,
  };

  /** Reports that say more than "clean"; clean files are only counted. */
  const reports: FileReport[] = [];
  /** Each file's project folder (its configuration's), for the once-per-folder notices. */
  const folderOf = new Map<string, string>();
  const skipped: { path: string; reason: string }[] = [];
  let cleanFiles = 0;
  /** With --fix on standard input: the bytes to write back to standard output. */
  let stdinBytes: Buffer | undefined;
  let untouchedFiles = 0;

  if (opts.stdinFilename !== undefined) {
    const name = opts.stdinFilename;
    const rel = toPosix(path.isAbsolute(name) ? path.relative(cwd, name) : path.normalize(name));
    const abs = path.resolve(name);
    const config = configs.forDir(path.dirname(abs));
    if (config.base) folderOf.set(rel, config.base);
    const errors = configs.errors();
    if (errors.length) return configFailure(opts, errors, scanRoot);
    verboseConfig(opts, configs);
    const fileOpts = {
      ...scanOpts,
      settings: configs.settingsOf(config),
      enginePath: configs.enginePath(config, abs, rel),
    };
    const raw = await readStdin();
    const decoded = decodeSource(raw, opts.maxFileSize);
    if (opts.forceExclude && isExcludedPath(abs, false, configIgnoreLayers(config.ignores))) {
      // Not linted; with --fix the input comes back unchanged, byte for byte.
      reports.push(emptyReport(abs, rel, { skipped: { reason: 'ignored', message: FORCE_EXCLUDED } }));
      if (opts.fix) stdinBytes = raw;
    } else if (!decoded.ok) {
      skipped.push({ path: rel, reason: `${decoded.reason}: ${decoded.message}` });
    } else {
      // Only the grammars this language needs: compiling all of them would slow every run.
      const notebook = isNotebookPath(rel);
      const loader = new GrammarLoader((e) => opts.quiet || err(`tlslint: warning: ${e}`));
      const stdinLanguage = notebook ? 'python' : languageOf(fileOpts.enginePath);
      const g = await loader.forLanguage(stdinLanguage);
      // The grammars of the modules it may import from (see summaryLanguages).
      for (const l of summaryLanguages(stdinLanguage)) await loader.forLanguage(l);
      if (notebook) {
        const nb = processNotebookText(decoded.text, abs, rel, g, fileOpts);
        // With --fix the notebook comes back on stdout: fixed, or as it came when nothing changed.
        if (opts.fix) stdinBytes = Buffer.from(nb.fixedText ?? decoded.text, 'utf8');
        reports.push(nb);
      }
      let text = decoded.text;
      let fixed: number | undefined;
      const unwritable = notWritableReason(decoded);
      if (!notebook && opts.fix && unwritable) {
        fixed = 0;
        if (!opts.quiet) err(`tlslint: warning: ${rel}: not fixed: ${unwritable}`);
      } else if (!notebook && (opts.fix || opts.diff)) {
        const r = fixText(text, rel, g, fileOpts);
        if (opts.diff) {
          const report = lintText(text, abs, rel, g, fileOpts);
          if (r.applied) Object.assign(report, { originalText: text, fixedText: r.text, fixed: r.applied });
          reports.push(report);
        }
        text = r.text;
        fixed = r.applied;
      }
      const report = opts.diff || notebook ? undefined : lintText(text, abs, rel, g, fileOpts);
      if (report && decoded.warning) report.warnings = [decoded.warning];
      if (report && opts.fix) {
        report.fixed = fixed;
        // The input comes back in its own encoding; one that cannot be written back comes back byte for byte.
        stdinBytes = unwritable ? raw : encodeSource(text, decoded.bom, decoded.encoding);
        report.fixedText = text;
      }
      if (report) reports.push(report);
    }
  } else {
    const fixDirs = new Set<string>();
    const cores = os.availableParallelism?.() ?? os.cpus().length;
    const rootPrefix = scanRoot.endsWith(path.sep) ? scanRoot : scanRoot + path.sep;
    // 1. The walk: every file and the configuration of every folder, and nothing read but ignore and
    // configuration files, so an invalid configuration anywhere stops the run before any source is touched.
    const items: WorkItem[] = [];
    /** The configuration of each item, for its cache key. */
    const itemConfigs: ResolvedConfig[] = [];
    // Only several roots can name a file twice (a walk never yields one twice).
    const seen = absPaths.length > 1 ? new Set<string>() : undefined;
    for await (const batch of walkBatches(absPaths, {
      ignoreFor: (dir) => configIgnoreLayers(configs.forDir(dir).ignores),
      followSymlinks: opts.followSymlinks,
      notebooks: true,
      forceExclude: opts.forceExclude,
    })) {
      for (const ev of batch) {
        if (ev.kind === 'skip') {
          skipped.push({ path: toPosix(path.relative(scanRoot, ev.path)) || '.', reason: ev.reason });
          continue;
        }
        if (seen) {
          if (seen.has(ev.path)) continue;
          seen.add(ev.path);
        }
        const rel = ev.path.startsWith(rootPrefix)
          ? toPosix(ev.path.slice(rootPrefix.length))
          : toPosix(path.relative(scanRoot, ev.path)) || path.basename(ev.path);
        const config = configs.forDir(path.dirname(ev.path));
        if (config.base) folderOf.set(rel, config.base);
        items.push({
          abs: ev.path,
          rel,
          settings: configs.settingsOf(config),
          enginePath: configs.enginePath(config, ev.path, rel),
        });
        itemConfigs.push(config);
        if (opts.fix) fixDirs.add(path.dirname(ev.path));
      }
    }
    const errors = configs.errors();
    if (errors.length) return configFailure(opts, errors, scanRoot);
    verboseConfig(opts, configs);

    // 2. The results cache (nothing read before the configuration is known good): a file whose bytes, settings
    // and engine path are unchanged since the last run is not linted again.
    const cache = openCache(opts, scanRoot);
    /** Cache misses being linted, by path: stored when their result comes back. */
    const pending = new Map<string, { meta: Lookup['meta']; abs: string; enginePath?: string | undefined }>();
    const record = (rel: string, r: FileReport | undefined, dependsOn?: DependencyState[]) => {
      if (!cache) return;
      const p = pending.get(rel);
      cache.record(rel, p?.meta, r, dependsOn ?? r?.dependsOn, p?.abs, p?.enginePath);
      pending.delete(rel);
    };
    let cachedClean = 0;
    let toLint = items;
    if (cache) {
      // With --diff a cached result is used only when it has nothing to fix (the diff needs the texts).
      const usable = (r: FileReport) => !opts.diff || !wantsFix(r, opts.unsafeFixes);
      toLint = [];
      for (let i = 0; i < items.length; i++) {
        const it = items[i];
        const c = cache.lookup(it.abs, it.rel, configs.fileCacheKey(itemConfigs[i], it.rel, it.enginePath), usable);
        if (c.hit === 'clean') cachedClean++;
        else if (c.hit) reports.push(c.hit);
        if (c.hit) continue;
        if (c.meta) pending.set(it.rel, { meta: c.meta, abs: it.abs, enginePath: it.enginePath });
        toLint.push(it);
      }
    }

    // 3. Lint (and fix) on worker threads.
    const pool = new LintPool(
      { ...scanOpts, listClean: !!cache },
      {
        script: __filename,
        onReport: (r) => {
          reports.push(r);
          record(r.path, r);
        },
        onClean: (rel, dependsOn) => record(rel, undefined, dependsOn),
        onWarning: (m) => opts.quiet || err(`tlslint: warning: ${m}`),
      },
    );
    // The main thread lints too: N jobs are N-1 workers. Threads pay for themselves from
    // FILES_PER_AUTO_JOB files each.
    if (opts.jobs !== undefined && opts.jobs > 1) pool.setWorkers(opts.jobs - 1);
    else if (opts.jobs === undefined && toLint.length >= 2 * FILES_PER_AUTO_JOB)
      pool.setWorkers(Math.min(cores, Math.floor(toLint.length / FILES_PER_AUTO_JOB)) - 1);
    const progress = new Progress(pool, !!process.stderr.isTTY && !opts.quiet);
    try {
      let lastYield = Date.now();
      for (let i = 0; i < toLint.length; i++) {
        pool.add(toLint[i]);
        if (i % 64 !== 63) continue;
        // Bounded queue: when the threads fall behind, this thread lints a slice too.
        if (pool.backlogged) await pool.lintSlice();
        // Let the workers' messages in, so they are never short of files.
        if (pool.workers > 0 && Date.now() - lastYield >= 4) {
          await new Promise<void>((resolve) => setImmediate(resolve));
          lastYield = Date.now();
        }
      }
      await pool.finish();
      cleanFiles = pool.clean + cachedClean;
      untouchedFiles = pool.untouched;
    } finally {
      progress.stop();
    }
    if (cache) {
      const problem = await cache.save();
      if (problem && !opts.quiet) err(`tlslint: warning: results cache not saved: ${problem} (see --no-cache)`);
      if (opts.verbose) err(`tlslint: cache: ${cache.hits} files reused, ${cache.misses} linted`);
    }
    // Temp files a killed `--fix` left next to the files it was writing (never linted: hidden, .tmp).
    for (const dir of fixDirs) removeStaleTemps(dir);
  }

  reports.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const minRank = SEVERITY_RANK[opts.severity];
  const keep = (f: OutFinding) => SEVERITY_RANK[f.severity] >= minRank;
  const findings: OutFinding[] = [];
  const suppressed: OutFinding[] = [];
  let files = cleanFiles;
  let fixed = 0;
  for (const r of reports) {
    if (r.skipped) {
      skipped.push({ path: r.path, reason: `${r.skipped.reason}: ${r.skipped.message}` });
      // Unlike a binary or oversized file, a file over the time budget may hide findings: always say so.
      if (r.skipped.reason === 'time-budget' && !opts.quiet && !opts.verbose)
        err(`tlslint: warning: ${r.path}: not linted, ${r.skipped.message} (see --time-budget)`);
      // A notebook that does not parse is bad input, not a file type we skip: say so.
      if (r.skipped.reason === 'invalid-notebook' && !opts.quiet && !opts.verbose)
        err(`tlslint: warning: ${r.path}: not linted: ${r.skipped.message}`);
      continue;
    }
    files++;
    fixed += r.fixed ?? 0;
    findings.push(...r.findings.filter(keep));
    suppressed.push(...r.suppressed.filter(keep));
    if (!opts.quiet) {
      for (const w of r.warnings ?? []) err(`tlslint: warning: ${r.path}: ${w}`);
      for (const e of r.errors) err(`tlslint: warning: ${r.path}: ${e}`);
      if (r.fixError) err(`tlslint: warning: ${r.path}: not fixed: ${r.fixError}`);
    }
    if (opts.verbose && r.syntaxErrors) err(`tlslint: ${r.path}: syntax errors; the intact parts were linted`);
  }
  // An advisory table over six months old is said once per project folder (each configuration's, or the
  // scan root's): an information-level finding at the top of the folder's first file with an
  // outdated-tls-library finding; when no folder has one, a note on stderr.
  const ruleOn =
    !!severityOf('outdated-tls-library', settings) ||
    [...configs.used].some((c) => !!severityOf('outdated-tls-library', configs.settingsOf(c)));
  const stale = ruleOn ? staleTableFinding(new Date()) : undefined;
  if (stale) {
    const anchors = staleNoticeAnchors(findings, (f) => folderOf.get(f.path) ?? scanRoot);
    const notices = anchors
      .map((anchor): OutFinding => ({
        path: anchor.path,
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 1,
        rule: stale.rule,
        severity: stale.severity,
        message: stale.message,
        detector: stale.detector,
        fixes: [],
        lineText: '',
        context: '',
        source: [],
      }))
      .filter(keep);
    // Each notice goes before its file's findings (the list is sorted by path).
    for (const n of notices.reverse())
      findings.splice(
        findings.findIndex((f) => f.path === n.path),
        0,
        n,
      );
    if (!anchors.length && !opts.quiet) err(`tlslint: note: ${stale.message}`);
  }
  skipped.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  if (opts.verbose) for (const s of skipped) err(`tlslint: skipped ${s.path}: ${s.reason}`);
  if (opts.verbose && untouchedFiles)
    err(`tlslint: ${untouchedFiles} of ${files} files hold no TLS-related token: read, not parsed`);

  if (opts.writeBaseline) {
    try {
      await writeFileAtomic(path.resolve(opts.writeBaseline), baselineJson(findings, baselinePath));
    } catch (e) {
      err(`tlslint: cannot write --write-baseline ${opts.writeBaseline}: ${(e as Error).message}`);
      return 2;
    }
    if (!opts.quiet)
      err(`tlslint: wrote ${findings.length} finding${findings.length === 1 ? '' : 's'} to ${opts.writeBaseline}`);
    return 0;
  }
  // --baseline: findings it lists are not reported (SARIF keeps them, suppressed externally).
  let baselined: number | undefined;
  if (baseline) {
    const split = applyBaseline(baseline, findings, baselinePath);
    baselined = split.baselined.length;
    findings.length = 0;
    for (const f of split.kept) findings.push(f);
    for (const f of split.baselined)
      suppressed.push({ ...f, suppression: { kind: 'baseline', justification: `listed in ${opts.baseline}` } });
  }

  const summary: ScanSummary = {
    files,
    skipped: skipped.length,
    findings: findings.length,
    durationMs: Date.now() - started,
    suppressed: suppressed.length,
    ...(opts.fix ? { fixed } : {}),
    ...(baselined !== undefined ? { baselined } : {}),
  };

  let out: string | Buffer;
  /** Files --diff would change, and the fixes in them. */
  let diffFiles = 0;
  let diffFixes = 0;
  if (opts.diff) {
    // Like ruff: the diffs on stdout, "Would fix N findings." on stderr; no findings listed.
    const parts: string[] = [];
    for (const r of reports) {
      if (r.originalText === undefined || r.fixedText === undefined) continue;
      const rel = toPosix(path.relative(cwd, r.abs));
      const shown = opts.stdinFilename !== undefined ? r.path : rel && !rel.startsWith('../') ? rel : toPosix(r.abs);
      parts.push(unifiedDiff(shown, r.originalText, r.fixedText));
      diffFiles++;
      diffFixes += r.fixed ?? 0;
    }
    out = parts.join('\n');
    if (!opts.quiet)
      err(
        diffFixes
          ? `Would fix ${diffFixes} finding${diffFixes === 1 ? '' : 's'} in ${diffFiles} file${diffFiles === 1 ? '' : 's'}.`
          : 'No fixes to apply.',
      );
  } else if (opts.statistics) {
    out = formatStatistics(findings, opts.format === 'json');
  } else if (opts.format === 'github') {
    out = formatGithub(
      findings.map((f) => ({ ...f, path: toPosix(path.relative(cwd, path.resolve(scanRoot, f.path))) || f.path })),
    );
  } else if (opts.stdinFilename !== undefined && opts.fix) {
    // Like ruff: with --fix, standard input comes back fixed on stdout; remaining findings go to stderr.
    out = stdinBytes ?? '';
    for (const f of findings)
      err(
        `${f.path}:${f.cell !== undefined ? `cell ${f.cell}:` : ''}${f.line}:${f.column}  ${f.severity}  ${f.rule}  ${f.message}`,
      );
  } else if (opts.format === 'json') {
    out = formatJson(findings, summary);
  } else if (opts.format === 'sarif') {
    out = formatSarif({ root: scanRoot, version: VERSION, reports, findings, suppressed, skipped });
  } else {
    const force = process.env.FORCE_COLOR;
    const color =
      opts.color ??
      (force !== undefined && force !== ''
        ? force !== '0'
        : !opts.output && !!process.stdout.isTTY && !process.env.NO_COLOR);
    // Text paths are relative to the current folder, so terminals and editors can open them.
    const here = (p: string) => toPosix(path.relative(cwd, path.resolve(scanRoot, p))) || p;
    const shown = findings.map((f) => ({
      ...f,
      path: here(f.path),
      ...(f.related ? { related: f.related.map((r) => (r.path ? { ...r, path: here(r.path) } : r)) } : {}),
    }));
    out = formatText(shown, summary, {
      color,
      quiet: opts.quiet,
      fix: opts.fix,
      unsafeFixes: opts.unsafeFixes,
      concise: opts.format === 'concise',
    });
  }

  if (opts.output) {
    try {
      fs.mkdirSync(path.dirname(path.resolve(opts.output)), { recursive: true });
      await writeFileAtomic(path.resolve(opts.output), out);
    } catch (e) {
      err(`tlslint: cannot write --output ${opts.output}: ${(e as Error).message}`);
      return 2;
    }
  } else if (out) {
    process.stdout.write(out);
  }

  if (opts.diff) return diffFiles > 0 ? 1 : 0;
  if (opts.exitZero) return 0;
  const failRank = SEVERITY_RANK[opts.failOn];
  return findings.some((f) => SEVERITY_RANK[f.severity] >= failRank) ? 1 : 0;
}

// Resilience tests only (main thread and workers): TLSLINT_FAULT_INJECT makes chosen detectors throw.
installFaultInjection();
if (isTlslintWorker()) {
  void runWorker();
} else if (require.main === module) {
  // `tlslint scan | head`: a closed pipe is not an error worth a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
  });
  run(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      err(`tlslint: internal error: ${(e as Error)?.stack ?? String(e)}`);
      process.exitCode = 2;
    },
  );
}

export { run };
