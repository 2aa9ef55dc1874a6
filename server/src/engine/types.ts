// Core data types shared by the engine, the detectors, the CLI and the language server.
import type { Node, Tree } from 'web-tree-sitter';

/** The stable, public rule ids of the taxonomy (shared/spec/rules.md). A rule id is forever. */
export const RULE_IDS = [
  'cert-verification-disabled',
  'hostname-verification-disabled',
  'legacy-protocol',
  'weak-cipher',
  'deprecated-api',
  'insecure-default-context',
  'insecure-warning-suppressed',
  'outdated-tls-library',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/** The meta rule reported for a suppression comment that silences nothing. */
export const UNUSED_SUPPRESSION = 'unused-suppression' as const;
export type ReportedRuleId = RuleId | typeof UNUSED_SUPPRESSION;

export type Severity = 'error' | 'warning' | 'information';
export type SeveritySetting = Severity | 'off';
export const SEVERITY_RANK: Record<Severity, number> = { information: 0, warning: 1, error: 2 };

export type Safety = 'safe' | 'unsafe';

/** A replacement of text[start, end) (UTF-16 offsets, as JavaScript strings index). */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  title: string;
  safety: Safety;
  edits: TextEdit[];
}

export interface Range {
  start: number;
  end: number;
}

/** Every language or configuration surface the engine knows. */
export type LanguageId =
  | 'python'
  | 'javascript'
  | 'typescript'
  | 'tsx'
  | 'go'
  | 'java'
  | 'kotlin'
  | 'csharp'
  | 'c'
  | 'cpp'
  | 'ruby'
  | 'php'
  | 'rust'
  | 'shell'
  | 'dockerfile'
  | 'yaml'
  | 'dotenv'
  | 'nginx'
  | 'apache'
  | 'haproxy'
  // JSON configuration files (appsettings*.json, VS Code settings): jsonc, read by jsonc-parser.
  | 'json-config'
  // Java .properties files (Spring Boot, Kafka), read line by line.
  | 'properties'
  | 'gomod'
  // Dependency manifests and lock files (outdated-tls-library), one surface per format.
  | 'pip-requirements'
  | 'pipfile-lock'
  | 'poetry-lock'
  | 'uv-lock'
  | 'pyproject'
  | 'npm-lock'
  | 'yarn-lock'
  | 'pnpm-lock'
  | 'package-json'
  | 'nvmrc'
  | 'cargo-lock'
  | 'maven-pom'
  | 'gradle-lockfile';

export type TestFilesMode = 'report' | 'downgrade' | 'ignore';

/** Resolved settings: what the engine needs to decide which findings to report and how. */
export interface LintSettings {
  rules: Partial<Record<ReportedRuleId, SeveritySetting>>;
  testFiles: TestFilesMode;
  languages: { python?: { version?: string }; go?: { version?: string } };
}

/**
 * `testFiles: 'downgrade'`: test code is still linted (a test that disables verification against a real
 * host is a real problem) but at information severity, the way Sonar keeps security rules quiet on tests
 * and ruff users add per-file ignores for them; fixes in test code are never safe.
 */
export const DEFAULT_SETTINGS: LintSettings = { rules: {}, testFiles: 'downgrade', languages: {} };

/**
 * The per-file time budget (ms) the CLI and the language server give `lint` (`LintInput.budgetMs`):
 * a file that takes longer (parse + detectors) is abandoned and reported, so one pathological file
 * cannot stall a scan or the editor. The engine itself has no budget unless one is given.
 */
export const DEFAULT_BUDGET_MS = 3000;

/**
 * The command line's budget per file: a batch scan waits longer than an editor, so a busy machine (a CI
 * runner, parallel jobs) does not drop a large TLS-heavy file's findings; a pathological file still ends.
 */
export const CLI_BUDGET_MS = 20000;

/** How a finding was silenced in source. */
export interface Suppression {
  kind: 'next-line' | 'line' | 'file';
  justification: string;
  /** Offsets of the directive comment that silenced it. */
  start: number;
  end: number;
}

/** A second location that explains a finding (LSP `relatedInformation`, SARIF `relatedLocations`). */
export interface RelatedLocation {
  start: number;
  end: number;
  message: string;
  /**
   * In another file (a constant imported from it, the sink a called function reaches): its path as the
   * host named it in the summary, and the place there; `start`/`end` are then offsets in that file.
   */
  file?: { path: string; line: number; character: number; endLine: number; endCharacter: number };
}

export interface Finding {
  rule: ReportedRuleId;
  detector: string;
  message: string;
  start: number;
  end: number;
  severity: Severity;
  fixes: Fix[];
  /**
   * `opt-in`: the insecure value sits on a path a caller's flag, parameter or setting selects
   * (rules.md §Intent): severity information, never a safe fix, `related` points at the flag.
   */
  kind?: 'opt-in';
  /** Locations that explain the finding (the controlling flag of an opt-in; another file's definition). */
  related?: RelatedLocation[];
  /** The edit that inserts a `tlslint-disable-next-line` comment for this finding. */
  suppressEdit?: TextEdit | undefined;
  /** The edit that inserts a `tlslint-disable-file` comment for this finding's rule at the top of the file. */
  suppressFileEdit?: TextEdit | undefined;
  suppression?: Suppression;
}

export interface EngineError {
  detector?: string;
  message: string;
}

export interface LintResult {
  language: LanguageId | undefined;
  /** Findings that are reported (not suppressed), sorted by offset. */
  findings: Finding[];
  /** Findings silenced by a suppression comment (SARIF `suppressions[]`). */
  suppressed: Finding[];
  /** Detector failures: the file is still linted by the others. */
  errors: EngineError[];
  /** Whether the parse tree has syntax errors (the intact parts are still linted). */
  syntaxErrors: boolean;
  /**
   * The file ran past its time budget (`LintInput.budgetMs`) and was abandoned: no findings, and
   * `errors` holds one message that starts with "abandoned after".
   */
  abandoned?: true;
  /**
   * Summaries of other files a detector asked for that the given index did not hold (engine/workspace):
   * a host that can read them lints again with them.
   */
  wanted?: import('./workspace').Dependency[];
  /** The other files' summaries (or absences) the findings were computed from, for caches. */
  dependsOn?: import('./workspace').DependencyState[];
  /** A probe lint's answer (engine/calls): the sinks the probed parameter reaches with the probed value. */
  sinks?: import('./workspace').SinkHit[];
}

/**
 * What a detector hands to the engine: where (`node` or `range`), what, and how to fix it. `fix` is
 * called only for a report the engine keeps (not suppressed by a higher-priority twin); its state is
 * bound in by `defineDetector`, so the engine never sees a detector's private data.
 */
export interface Report {
  node?: Node | undefined;
  range?: Range;
  message: string;
  /**
   * The insecure value is not a constant but a caller's flag or setting (`InsecureSkipVerify: cfg.Insecure`):
   * the node or range naming it (see `flagValue` in engine/intent). The engine reports it as an opt-in.
   */
  flag?: Node | Range | undefined;
  /**
   * Where the insecure behaviour is defined, when the reported place only uses it (a verifier class whose
   * `verify` returns true, here or in another file: `file` set, see engine/workspace).
   */
  related?: RelatedLocation[] | undefined;
  fix?: () => Fix | Fix[] | undefined;
}

/** One parsed (or tokenized) file, as detectors see it. */
export interface SourceFile {
  readonly text: string;
  readonly path: string;
  readonly language: LanguageId;
  /** The tree-sitter tree, for languages with a grammar; undefined for tokenized formats. */
  readonly tree: Tree | undefined;
  readonly settings: LintSettings;
  /** All nodes of the given types, in document order (cached per file). */
  nodes(...types: string[]): Node[];
  /** A per-file memo for language models (imports, aliases...), shared by detectors. */
  memo<T>(key: string, compute: () => T): T;
  /**
   * Parses embedded code (a shell script in a YAML `run:` block) with another grammar. The tree is
   * owned by the file and freed with it; callers memoize through `memo`.
   */
  parseEmbedded(grammar: import('./languages').GrammarName, text: string): Tree | undefined;
  /** Other files' summaries (engine/workspace), as the host handed them to this lint. */
  readonly workspace?: import('./workspace').WorkspaceView;
  /**
   * A probe lint (engine/calls): one parameter of one module-level function is taken to hold a constant, to
   * learn which sinks it reaches; the language models give it as the parameter's only value.
   */
  readonly probe?: import('./workspace').Probe | undefined;
}

/** A pair of examples in one language, run by the tests and shown on the rule's page. */
export interface DetectorExample {
  /** Gives exactly one finding of this detector. */
  bad: string;
  /** Gives no finding of this detector. */
  good: string;
}

/** Examples per language (at least one; each language among the detector's own). */
export type DetectorExamples = Partial<Record<LanguageId, DetectorExample>>;

/**
 * A per-language detector as the engine sees it: one security concept (its rule) on one family of
 * APIs. Written with `defineDetector` (engine/detector.ts), which types the state a report hands to
 * its fix.
 */
export interface Detector {
  readonly id: string;
  readonly rule: RuleId;
  /** One line: what it finds, for the rule page's per-language lists. */
  readonly summary: string;
  /** The longer text: the constructs it knows, what it leaves alone, what its fix does (Markdown). */
  readonly docs: string;
  readonly languages: readonly LanguageId[];
  /** The APIs it looks at, for docs (e.g. `ssl.wrap_socket`). */
  readonly apis: readonly string[];
  /** A cheap pre-filter: the detector runs only when the text contains one of these (empty: always). */
  readonly tokens: readonly string[];
  /**
   * A second pre-filter: when given, the text must also contain one of these (typically the library's
   * module names, without which no callee can resolve to the detector's APIs).
   */
  readonly alsoTokens?: readonly string[];
  /**
   * A third pre-filter, run on the whole text once its tokens pass: false only when the detector can report
   * nothing in this text, nor in a probe of it (engine/calls). Its words then count for nothing either
   * (text screens, the call gate). Regular expressions it runs must be listed where an incremental lint
   * looks (engine/document `WHOLE_TEXT_SCANS`).
   */
  readonly textScreen?: (text: string, language: LanguageId) => boolean;
  readonly fixAvailability: 'always' | 'sometimes' | 'none';
  /**
   * When two detectors of one rule report the same range, the engine keeps the report of the one with
   * the higher priority (ties: the smaller id). Default 0; a detector that knows a library's API better
   * than a generic one (urllib3's `cert_reqs` over `ssl.CERT_NONE`) ranks higher.
   */
  readonly priority: number;
  /** Reports findings; pure (no I/O), and must not throw on any tree. */
  detect(file: SourceFile, report: (r: Report) => void): void;
  readonly examples: DetectorExamples;
}

export interface RuleDocs {
  whatItDoes: string;
  whyIsThisBad: string;
  howToFix: string;
  whenNotToUseIt: string;
  references: string[];
}

export interface Rule {
  id: RuleId;
  cwe: number;
  defaultSeverity: Severity;
  /** One line; feeds tables and SARIF shortDescription. */
  summary: string;
  docs: RuleDocs;
}
