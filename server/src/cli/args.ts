// Command-line parsing for `tlslint scan`: every flag of the interfaces spec, with one-line usage errors.
import { parseArgs } from 'util';
import { CLI_BUDGET_MS, RULE_IDS, UNUSED_SUPPRESSION, type Severity } from '../engine/types';
import { DEFAULT_MAX_BYTES } from '../host/files';
import { didYouMean } from './suggest';

export type Format = 'text' | 'concise' | 'json' | 'sarif' | 'github';
const FORMATS: readonly Format[] = ['text', 'concise', 'json', 'sarif', 'github'];
const COMMANDS = ['scan', 'rule', 'help', 'version'] as const;
const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information'];
export const KNOWN_RULE_IDS: readonly string[] = [...RULE_IDS, UNUSED_SUPPRESSION];

export interface CliOptions {
  command: 'scan' | 'help' | 'version' | 'rule';
  paths: string[];
  /** `tlslint rule ID`: the rule or detector to explain (undefined: list them all). */
  ruleId?: string | undefined;
  format: Format;
  output?: string | undefined;
  rules: string[];
  disable: string[];
  severity: Severity;
  failOn: Severity;
  config?: string | undefined;
  fix: boolean;
  unsafeFixes: boolean;
  stdinFilename?: string | undefined;
  /** undefined: decide from the number of files. */
  jobs?: number | undefined;
  quiet: boolean;
  verbose: boolean;
  maxFileSize: number;
  /** Per-file time budget in ms (0: none). */
  timeBudget: number;
  followSymlinks: boolean;
  /** Exclude named paths (and --stdin-filename) that the configuration or .tlslintignore excludes. */
  forceExclude: boolean;
  color?: boolean | undefined;
  /** Print what --fix would change as unified diffs; write nothing. */
  diff: boolean;
  statistics: boolean;
  exitZero: boolean;
  /** Findings listed in this baseline file are not reported. */
  baseline?: string | undefined;
  /** Write the findings to this baseline file. */
  writeBaseline?: string | undefined;
  /** false with --no-cache. */
  cache: boolean;
  cacheDir?: string | undefined;
}

/** A usage error: printed as one line, exit code 2. */
export class UsageError extends Error {}

export const HELP = `tlslint: find and fix insecure TLS usage in source code and configuration.

Usage: tlslint scan [options] [PATH...]      (no PATH: the current folder)
       tlslint rule [ID] [--format text|json]   explain a rule or detector (no ID: list them)
       tlslint --version | --help

Output:
  --format FORMAT             text (default: each finding with its source line and fix), concise (one line
                              per finding), json, sarif, or github (GitHub Actions annotations)
  --output FILE               write the report to FILE (atomically) instead of stdout
  --quiet                     print findings only: no summary, progress or warnings
  --verbose                   also print the config used and one line per skipped file
  --color / --no-color        force colours on or off (default: on for a terminal)
  --statistics                print how many findings each rule and detector gave, instead of the findings
  --exit-zero                 exit 0 even when there are findings (2 still means a usage or config error)
Selection:
  --rule ID                   report only this rule (repeatable)
  --disable ID                do not report this rule (repeatable)
  --severity LEVEL            lowest severity reported: error|warning|information (default: information)
  --fail-on LEVEL             exit 1 when a finding is at or above LEVEL (default: warning)
  --config FILE               use this .tlslint.json (default: the nearest one from the scan root up)
Files:
  --max-file-size SIZE        skip files larger than SIZE bytes (suffix K or M; default 1M)
  --time-budget MS            abandon a file that takes longer than MS ms to lint and count it as
                              skipped (default ${CLI_BUDGET_MS}; 0: no limit)
  --no-follow-symlinks        do not follow symbolic links (default: follow, loops are cut)
  --force-exclude             skip files and folders named on the command line (and --stdin-filename) that
                              the config's "ignore" or a .tlslintignore excludes, as pre-commit hooks want
                              (default: a path named is linted)
  --stdin-filename NAME       lint standard input as if it were the file NAME
  --jobs N                    lint on N threads: the main one and N-1 workers (default: one
                              per 400 files found, up to the number of cores)
Fixing:
  --fix                       apply safe fixes in place (atomically) and report what remains
  --unsafe-fixes              with --fix or --diff: apply unsafe fixes too (review the diff!)
  --diff                      print what --fix would change as unified diffs, write nothing; exit 1 if any
Adopting:
  --write-baseline FILE       record the current findings in FILE (a JSON list of fingerprints)
  --baseline FILE             do not report findings recorded in FILE (they survive lines moving)
  --no-cache                  do not read or write the cache of unchanged files' results
  --cache-dir DIR             where the cache lives (default: .tlslint_cache/ in the scan root; each run
                              drops deleted files and other versions, and keeps it under 128 MiB)

Folders are walked honouring .gitignore, .tlslintignore and the config's "ignore"; .git, node_modules,
virtualenvs and tool caches are skipped unless named on the command line. Binary, non-UTF-8 and
oversized files, and files over the time budget, are skipped and counted (--verbose says why). Every other file counts as scanned
(summary "files"), including the many that hold none of the TLS-related words a finding needs: those
are read and checked but never parsed (--verbose counts them). Files are linted as the walk finds them.

Jupyter notebooks (.ipynb) are linted too: their Python code cells as one program (IPython magics and
shell lines are skipped), findings as \`nb.ipynb:cell 3:2:5\`; --fix rewrites only the fixed cells' lines.

Exit codes: 0 no finding at or above the fail level, 1 findings, 2 usage or configuration error.
Rules: ${KNOWN_RULE_IDS.join(', ')}.`;

function parseSize(flag: string, v: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([kKmMgG]i?[bB]?|[bB])?$/.exec(v.trim());
  if (!m) throw new UsageError(`invalid ${flag} '${v}' (expected bytes, optionally with K or M, e.g. 512K)`);
  const unit = (m[2] ?? '').toLowerCase()[0];
  const mult = unit === 'k' ? 1024 : unit === 'm' ? 1024 * 1024 : unit === 'g' ? 1024 ** 3 : 1;
  return Math.floor(Number(m[1]) * mult);
}

function oneOf<T extends string>(flag: string, v: string | undefined, allowed: readonly T[], dflt: T): T {
  if (v === undefined) return dflt;
  if (!(allowed as readonly string[]).includes(v))
    throw new UsageError(`invalid ${flag} '${v}' (expected ${allowed.join('|')})`);
  return v as T;
}

function ruleIds(flag: string, values: string[] | undefined): string[] {
  const hint = (id: string) => didYouMean(id, KNOWN_RULE_IDS);
  const out: string[] = [];
  for (const raw of values ?? []) {
    for (const id of raw
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)) {
      if (!KNOWN_RULE_IDS.includes(id))
        throw new UsageError(`unknown rule id '${id}' in ${flag}${hint(id)} (known: ${KNOWN_RULE_IDS.join(', ')})`);
      out.push(id);
    }
  }
  return out;
}

function timeBudget(v: string | undefined): number {
  if (v === undefined) return CLI_BUDGET_MS;
  if (!/^\d+$/.test(v.trim()))
    throw new UsageError(`invalid --time-budget '${v}' (expected milliseconds, e.g. 5000; 0 for no limit)`);
  return Number(v.trim());
}

/** Parses argv (without node and the script). Throws UsageError on any bad flag or value. */
export function parseCliArgs(argv: string[]): CliOptions {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        output: { type: 'string', short: 'o' },
        rule: { type: 'string', multiple: true },
        disable: { type: 'string', multiple: true },
        severity: { type: 'string' },
        'fail-on': { type: 'string' },
        config: { type: 'string', short: 'c' },
        fix: { type: 'boolean' },
        'unsafe-fixes': { type: 'boolean' },
        'stdin-filename': { type: 'string' },
        jobs: { type: 'string', short: 'j' },
        quiet: { type: 'boolean', short: 'q' },
        verbose: { type: 'boolean', short: 'v' },
        version: { type: 'boolean', short: 'V' },
        help: { type: 'boolean', short: 'h' },
        'max-file-size': { type: 'string' },
        'time-budget': { type: 'string' },
        'no-follow-symlinks': { type: 'boolean' },
        'force-exclude': { type: 'boolean' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        diff: { type: 'boolean' },
        statistics: { type: 'boolean' },
        'exit-zero': { type: 'boolean' },
        baseline: { type: 'string' },
        'write-baseline': { type: 'string' },
        'no-cache': { type: 'boolean' },
        'cache-dir': { type: 'string' },
      },
    });
  } catch (e) {
    // Node's messages are long and multi-line; keep the first sentence and name the flag.
    const msg = (e as Error).message.split('\n')[0].replace(/\. To specify.*$/, '');
    throw new UsageError(msg.charAt(0).toLowerCase() + msg.slice(1) + flagHint(msg));
  }
  const v = parsed.values as Record<string, string | string[] | boolean | undefined>;
  const positionals = [...parsed.positionals];
  let command: CliOptions['command'] = 'scan';
  let ruleId: string | undefined;
  if (v.help) command = 'help';
  else if (v.version) command = 'version';
  else if (positionals[0] === 'scan') positionals.shift();
  else if (positionals[0] === 'help') command = 'help';
  else if (positionals[0] === 'version') command = 'version';
  else if (positionals[0] === 'rule') {
    command = 'rule';
    if (positionals.length > 2) throw new UsageError('rule takes one rule or detector id (usage: tlslint rule [ID])');
    ruleId = positionals[1];
  } else if (positionals.length > 0)
    throw new UsageError(
      `unknown command '${positionals[0]}'${didYouMean(positionals[0], COMMANDS)} (expected scan or rule; see --help)`,
    );
  // `tlslint -v` alone: -v is --verbose, which needs a command; users typing it want the version (ESLint, npm).
  else if (v.verbose && argv.length === 1) command = 'version';
  else throw new UsageError('missing command (usage: tlslint scan [options] [PATH...]; see --help)');

  let jobs: number | undefined;
  if (typeof v.jobs === 'string') {
    if (!/^\d+$/.test(v.jobs) || Number(v.jobs) < 1 || Number(v.jobs) > 256)
      throw new UsageError(`invalid --jobs '${v.jobs}' (expected a whole number from 1 to 256)`);
    jobs = Number(v.jobs);
  }
  if (v['unsafe-fixes'] && !v.fix && !v.diff) throw new UsageError('--unsafe-fixes needs --fix or --diff');
  if (v.diff && v.fix) throw new UsageError('--diff shows what --fix would change: use one or the other');
  if (v.baseline && v['write-baseline'])
    throw new UsageError('--baseline and --write-baseline cannot be used together');
  if (v.quiet && v.verbose) throw new UsageError('--quiet and --verbose cannot be used together');
  if (v.color && v['no-color']) throw new UsageError('--color and --no-color cannot be used together');
  const stdinFilename = v['stdin-filename'] as string | undefined;
  if (stdinFilename !== undefined && positionals.length > 0)
    throw new UsageError('--stdin-filename lints standard input; do not also give PATHs');
  if (stdinFilename === '') throw new UsageError('--stdin-filename needs a file name');
  const str = (k: string) => v[k] as string | undefined;
  return {
    command,
    paths: positionals.length ? positionals : ['.'],
    format: oneOf('--format', str('format'), FORMATS, 'text'),
    output: str('output'),
    rules: ruleIds('--rule', v.rule as string[] | undefined),
    disable: ruleIds('--disable', v.disable as string[] | undefined),
    severity: oneOf('--severity', str('severity'), SEVERITIES, 'information'),
    failOn: oneOf('--fail-on', str('fail-on'), SEVERITIES, 'warning'),
    config: str('config'),
    fix: !!v.fix,
    unsafeFixes: !!v['unsafe-fixes'],
    stdinFilename,
    jobs,
    quiet: !!v.quiet,
    verbose: !!v.verbose,
    maxFileSize:
      typeof v['max-file-size'] === 'string' ? parseSize('--max-file-size', v['max-file-size']) : DEFAULT_MAX_BYTES,
    timeBudget: timeBudget(str('time-budget')),
    followSymlinks: !v['no-follow-symlinks'],
    forceExclude: !!v['force-exclude'],
    color: v.color ? true : v['no-color'] ? false : undefined,
    diff: !!v.diff,
    statistics: !!v.statistics,
    exitZero: !!v['exit-zero'],
    baseline: str('baseline'),
    writeBaseline: str('write-baseline'),
    cache: !v['no-cache'],
    cacheDir: str('cache-dir'),
    ...(ruleId !== undefined ? { ruleId } : {}),
  };
}

/** Every long flag, for "did you mean" on a mistyped one. */
const LONG_FLAGS = [
  'format',
  'output',
  'rule',
  'disable',
  'severity',
  'fail-on',
  'config',
  'fix',
  'unsafe-fixes',
  'stdin-filename',
  'jobs',
  'quiet',
  'verbose',
  'version',
  'help',
  'max-file-size',
  'time-budget',
  'no-follow-symlinks',
  'force-exclude',
  'color',
  'no-color',
  'diff',
  'statistics',
  'exit-zero',
  'baseline',
  'write-baseline',
  'no-cache',
  'cache-dir',
].map((f) => `--${f}`);

function flagHint(nodeMessage: string): string {
  const m = /Unknown option '(--?[^'=]+)/.exec(nodeMessage);
  return m ? didYouMean(m[1], LONG_FLAGS) : '';
}
