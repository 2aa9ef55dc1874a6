// `.tlslint.json`: parsing it as JSONC (comments and trailing commas allowed) and validating it, with
// line/column and key for every error; resolving the configuration of any folder (the nearest file and
// those above it up to `"root": true` or the repository root, with `extends`); turning it into the
// engine's LintSettings. Callers stop on any error (the CLI exits, the server does not lint the folder).
import Ajv, { type ErrorObject } from 'ajv';
import * as fs from 'fs';
import {
  ParseErrorCode,
  SyntaxKind,
  createScanner,
  getNodeValue,
  parseTree,
  stripComments,
  type Node as JsonNode,
  type ParseError,
} from 'jsonc-parser';
import * as path from 'path';
import {
  DEFAULT_SETTINGS,
  type LintSettings,
  type ReportedRuleId,
  type SeveritySetting,
  type TestFilesMode,
} from '../engine/types';
import { CONFIG_SCHEMA, CONFIGURABLE_RULE_IDS, SEVERITY_SETTINGS, TEST_FILES_MODES } from './config-schema';

export const CONFIG_FILE_NAME = '.tlslint.json';

export interface TlslintConfig {
  $schema?: string;
  /** Stops the search for configuration files in the folders above this one. */
  root?: boolean;
  /** Configuration files this one builds on (paths relative to this file's folder), applied first. */
  extends?: string | string[];
  rules?: Partial<Record<ReportedRuleId, SeveritySetting>>;
  ignore?: string[];
  languages?: { python?: { version?: string }; go?: { version?: string } };
  testFiles?: TestFilesMode;
}

export interface ConfigError {
  message: string;
  /** Dotted key path, e.g. `rules.legacy-protocl`; undefined for syntax errors. */
  key?: string | undefined;
  /** 1-based position of the offending key (or value), or of the syntax error. */
  line: number;
  column: number;
}

let validate: ReturnType<Ajv['compile']> | undefined;
function validator(): ReturnType<Ajv['compile']> {
  validate ??= new Ajv({ allErrors: true, strict: false }).compile(CONFIG_SCHEMA);
  return validate;
}

/** 1-based line and column (UTF-16) of an offset. */
function lineCol(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: Math.max(0, offset - lineStart) + 1 };
}

function pointerSegments(instancePath: string): string[] {
  if (!instancePath) return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function describe(e: ErrorObject, segments: string[]): { key: string[]; message: string; atKey: boolean } {
  if (e.keyword === 'additionalProperties') {
    const extra = (e.params as { additionalProperty: string }).additionalProperty;
    const key = [...segments, extra];
    if (segments.length === 1 && segments[0] === 'rules') {
      return { key, atKey: true, message: `unknown rule id (expected one of ${CONFIGURABLE_RULE_IDS.join(', ')})` };
    }
    return { key, atKey: true, message: 'unknown key' };
  }
  if (segments[0] === 'extends' && (e.keyword === 'type' || e.keyword === 'anyOf' || e.keyword === 'minLength')) {
    return { key: ['extends'], atKey: false, message: 'expected a relative path, or a list of them' };
  }
  if (e.keyword === 'enum') {
    const allowed = (e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ');
    const what = segments[0] === 'rules' ? 'bad severity' : 'bad value';
    return { key: segments, atKey: false, message: `${what} (expected one of ${allowed})` };
  }
  if (e.keyword === 'pattern' && segments.at(-1) === 'version') {
    return { key: segments, atKey: false, message: 'bad version (expected "MAJOR.MINOR", e.g. "3.12")' };
  }
  return { key: segments, atKey: false, message: e.message ?? 'invalid' };
}

/** Keeps the valid parts of a parsed config, so linting goes on with defaults for the rest. */
function sanitize(raw: unknown): TlslintConfig {
  const config: TlslintConfig = {};
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return config;
  const r = raw as Record<string, unknown>;
  if (r.root === true) config.root = true;
  if (typeof r.extends === 'string' && r.extends) config.extends = r.extends;
  else if (Array.isArray(r.extends))
    config.extends = r.extends.filter((x): x is string => typeof x === 'string' && x.length > 0);
  if (r.rules && typeof r.rules === 'object' && !Array.isArray(r.rules)) {
    const rules: Partial<Record<ReportedRuleId, SeveritySetting>> = {};
    for (const [id, sev] of Object.entries(r.rules as Record<string, unknown>)) {
      if (CONFIGURABLE_RULE_IDS.includes(id) && (SEVERITY_SETTINGS as readonly unknown[]).includes(sev)) {
        rules[id as ReportedRuleId] = sev as SeveritySetting;
      }
    }
    config.rules = rules;
  }
  if (Array.isArray(r.ignore))
    config.ignore = r.ignore.filter((g): g is string => typeof g === 'string' && g.length > 0);
  if ((TEST_FILES_MODES as readonly unknown[]).includes(r.testFiles)) config.testFiles = r.testFiles as TestFilesMode;
  if (r.languages && typeof r.languages === 'object') {
    const langs: NonNullable<TlslintConfig['languages']> = {};
    for (const name of ['python', 'go'] as const) {
      const v = (r.languages as Record<string, { version?: unknown } | undefined>)[name]?.version;
      if (typeof v === 'string' && /^[0-9]+\.[0-9]+$/.test(v)) langs[name] = { version: v };
    }
    config.languages = langs;
  }
  return config;
}

const SYNTAX_MESSAGES: Partial<Record<ParseErrorCode, string>> = {
  [ParseErrorCode.InvalidSymbol]: 'unexpected character',
  [ParseErrorCode.InvalidNumberFormat]: 'invalid number',
  [ParseErrorCode.PropertyNameExpected]: 'property name expected',
  [ParseErrorCode.ValueExpected]: 'value expected',
  [ParseErrorCode.ColonExpected]: 'colon expected',
  [ParseErrorCode.CommaExpected]: 'comma expected',
  [ParseErrorCode.CloseBraceExpected]: 'closing brace expected',
  [ParseErrorCode.CloseBracketExpected]: 'closing bracket expected',
  [ParseErrorCode.EndOfFileExpected]: 'end of file expected (text after the closing brace)',
  [ParseErrorCode.InvalidCommentToken]: 'invalid comment',
  [ParseErrorCode.UnexpectedEndOfComment]: 'unterminated comment',
  [ParseErrorCode.UnexpectedEndOfString]: 'unterminated string',
  [ParseErrorCode.UnexpectedEndOfNumber]: 'unterminated number',
  [ParseErrorCode.InvalidUnicode]: 'invalid unicode escape',
  [ParseErrorCode.InvalidEscapeCharacter]: 'invalid escape character',
  [ParseErrorCode.InvalidCharacter]: 'invalid character in a string',
};

/** The node at a JSON path (object keys, array indexes as strings), if present. */
function nodeAt(root: JsonNode | undefined, segments: string[]): JsonNode | undefined {
  let node = root;
  for (const seg of segments) {
    if (!node) return undefined;
    if (node.type === 'object') {
      const prop = node.children?.find((p) => p.children?.[0]?.value === seg);
      node = prop?.children?.[1];
    } else if (node.type === 'array' && /^[0-9]+$/.test(seg)) {
      node = node.children?.[Number(seg)];
    } else {
      return undefined;
    }
  }
  return node;
}

/** Where `extends` names another file: the path as written and the position of that string. */
export interface ExtendsRef {
  value: string;
  line: number;
  column: number;
}

/** Deeper than any real configuration; the schema needs four levels. */
const MAX_CONFIG_DEPTH = 64;

/** The offset of the first bracket that opens a level deeper than `max`, found by tokens (no recursion). */
function nestedBeyond(text: string, max: number): number | undefined {
  const scanner = createScanner(text, false);
  let depth = 0;
  for (let t = scanner.scan(); t !== SyntaxKind.EOF; t = scanner.scan()) {
    if (t === SyntaxKind.OpenBraceToken || t === SyntaxKind.OpenBracketToken) {
      if (++depth > max) return scanner.getTokenOffset();
    } else if (t === SyntaxKind.CloseBraceToken || t === SyntaxKind.CloseBracketToken) {
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}

/**
 * Parses and validates the text of a `.tlslint.json` (JSONC: comments and trailing commas allowed).
 * Pure. A syntax error (the first one) or a schema error comes with a 1-based line and column and, for
 * schema errors, the dotted key path.
 */
export function parseConfig(text: string): { config: TlslintConfig; errors: ConfigError[]; extendsRefs: ExtendsRef[] } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const at = (offset: number) => lineCol(body, offset);
  // Empty, or nothing but comments: an empty configuration.
  if (stripComments(body).trim() === '') return { config: {}, errors: [], extendsRefs: [] };
  // jsonc-parser recurses per nesting level: refuse absurd depth before it can overflow the stack.
  const tooDeep = nestedBeyond(body, MAX_CONFIG_DEPTH);
  if (tooDeep !== undefined) {
    const { line, column } = at(tooDeep);
    return {
      config: {},
      errors: [{ message: `syntax error: nested more than ${MAX_CONFIG_DEPTH} levels deep`, line, column }],
      extendsRefs: [],
    };
  }
  const syntax: ParseError[] = [];
  const tree = parseTree(body, syntax, { allowTrailingComma: true, disallowComments: false });
  if (syntax.length) {
    const first = syntax[0];
    const { line, column } = at(first.offset);
    return {
      config: {},
      errors: [{ message: `syntax error: ${SYNTAX_MESSAGES[first.error] ?? 'invalid JSON'}`, line, column }],
      extendsRefs: [],
    };
  }
  if (!tree) return { config: {}, errors: [], extendsRefs: [] };
  const raw: unknown = getNodeValue(tree);
  const errors: ConfigError[] = [];
  const validate = validator();
  if (!validate(raw)) {
    const seen = new Set<string>();
    for (const e of validate.errors ?? []) {
      const segments = pointerSegments(e.instancePath);
      const d = describe(e, segments);
      const node = nodeAt(tree, d.key);
      // For a key: the property's name; for a value: the value itself.
      const offset = node ? (d.atKey ? (node.parent?.children?.[0]?.offset ?? node.offset) : node.offset) : 0;
      const { line, column } = at(offset);
      const key = d.key.join('.') || undefined;
      const id = `${key}\0${d.message}`;
      if (seen.has(id)) continue;
      seen.add(id);
      errors.push({ message: d.message, key, line, column });
    }
  }
  const config = sanitize(raw);
  const extendsRefs: ExtendsRef[] = [];
  const ext = nodeAt(tree, ['extends']);
  for (const n of ext?.type === 'string' ? [ext] : ext?.type === 'array' ? (ext.children ?? []) : []) {
    if (n.type === 'string' && typeof n.value === 'string' && n.value)
      extendsRefs.push({ value: n.value, ...at(n.offset) });
  }
  return { config, errors, extendsRefs };
}

/** A config error and the file it is in (absolute path). */
export interface LocatedConfigError {
  file: string;
  error: ConfigError;
}

/** One line for a config error: `file:line:col: key: message`. */
export function formatConfigError(file: string, e: ConfigError): string {
  return `${file}:${e.line}:${e.column}: ${e.key ? `${e.key}: ` : ''}${e.message}`;
}

/** Merges a config over base settings (defaults when none). */
export function toLintSettings(config: TlslintConfig, base: Partial<LintSettings> = {}): LintSettings {
  return {
    rules: { ...DEFAULT_SETTINGS.rules, ...(base.rules ?? {}), ...(config.rules ?? {}) },
    testFiles: config.testFiles ?? base.testFiles ?? DEFAULT_SETTINGS.testFiles,
    languages: {
      ...DEFAULT_SETTINGS.languages,
      ...(base.languages ?? {}),
      ...(config.languages ?? {}),
    },
  };
}

/**
 * The nearest `.tlslint.json` at or above `startDir`. The search stops after `stopDir` (inclusive) or
 * after the first folder holding `.git` (a repository root), so an unrelated config higher up is never used.
 */
export function findConfigFile(startDir: string, stopDir?: string): string | undefined {
  let dir = path.resolve(startDir);
  const stop = stopDir ? path.resolve(stopDir) : undefined;
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE_NAME);
    try {
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // Not here; go up.
    }
    if (stop !== undefined && dir === stop) return undefined;
    if (stop === undefined && fs.existsSync(path.join(dir, '.git'))) return undefined;
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/** Reads and parses a config file; an unreadable file is one error at 1:1. */
export async function loadConfigFile(file: string): Promise<{ config: TlslintConfig; errors: ConfigError[] }> {
  let text: string;
  try {
    text = await fs.promises.readFile(file, 'utf8');
  } catch (e) {
    return { config: {}, errors: [{ message: `cannot read: ${(e as Error).message}`, line: 1, column: 1 }] };
  }
  return parseConfig(text);
}

/** A config's `ignore` globs and the folder they are relative to (the folder of the file declaring them). */
export interface IgnoreGlobs {
  base: string;
  globs: string[];
}

/** The configuration in effect for the files of one folder. */
export interface ResolvedConfig {
  /** The configuration files in effect, outermost first; a file's `extends` come just before it. */
  files: string[];
  /** Rules, testFiles and languages, merged (nearer files win, key by key). */
  config: TlslintConfig;
  /** Every file's `ignore`, each relative to its own file's folder, outermost first. */
  ignores: IgnoreGlobs[];
  /**
   * The project folder, which engine paths are relative to (test-file detection, path-decided languages):
   * the folder of the outermost configuration file, else the repository root (`.git`), else undefined.
   */
  base: string | undefined;
  /** Every error of every file in effect: any one means the folder's configuration cannot be trusted. */
  errors: LocatedConfigError[];
}

/** No configuration file in effect (defaults). */
export const NO_CONFIG: ResolvedConfig = { files: [], config: {}, ignores: [], base: undefined, errors: [] };

/** `b` over `a`: rules key by key, languages by language, testFiles whole; lists concatenated. */
function mergeResolved(a: ResolvedConfig, b: ResolvedConfig): ResolvedConfig {
  const rules = a.config.rules || b.config.rules ? { ...a.config.rules, ...b.config.rules } : undefined;
  const languages =
    a.config.languages || b.config.languages ? { ...a.config.languages, ...b.config.languages } : undefined;
  const testFiles = b.config.testFiles ?? a.config.testFiles;
  return {
    files: [...a.files, ...b.files],
    config: {
      ...(rules ? { rules } : {}),
      ...(languages ? { languages } : {}),
      ...(testFiles ? { testFiles } : {}),
    },
    ignores: [...a.ignores, ...b.ignores],
    // The outermost configuration file's folder; with none above, the nearer answer.
    base: a.files.length ? a.base : (b.base ?? a.base),
    errors: [...a.errors, ...b.errors],
  };
}

interface ParsedFile {
  config: TlslintConfig;
  errors: ConfigError[];
  extendsRefs: ExtendsRef[];
}

/** Reads a file's text; undefined when it is not a readable regular file. */
export type ReadText = (file: string) => string | undefined;

function readTextFile(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Resolves the configuration of folders, with caching: for a folder, its nearest `.tlslint.json` and those
 * of the folders above it, up to one that says `"root": true` or a repository root (a folder holding
 * `.git`), each with its `extends` applied first. The answer depends only on the folder, never on the
 * working folder, so the CLI, the language server and the workspace scan agree. Synchronous (config
 * files are small and read once); `clear()` forgets everything after a change.
 */
export class ConfigResolver {
  private readonly parsed = new Map<string, ParsedFile | undefined>();
  private readonly dirs = new Map<string, ResolvedConfig>();

  /** `readText` may serve unsaved editor buffers; it returns undefined for a missing file. */
  constructor(private readonly readText: ReadText = readTextFile) {}

  clear(): void {
    this.parsed.clear();
    this.dirs.clear();
  }

  /** The text a configuration file was read with (for positions in editor diagnostics). */
  textOf(file: string): string | undefined {
    return this.readText(file);
  }

  /** The configuration for a file (that of its folder). */
  forFile(file: string): ResolvedConfig {
    return this.forDir(path.dirname(path.resolve(file)));
  }

  /** The configuration for the files of a folder. */
  forDir(dir: string): ResolvedConfig {
    const abs = path.resolve(dir);
    const hit = this.dirs.get(abs);
    if (hit) return hit;
    const own = this.expand(path.join(abs, CONFIG_FILE_NAME), []);
    const parent = path.dirname(abs);
    const isRepoRoot = fs.existsSync(path.join(abs, '.git'));
    let result: ResolvedConfig;
    if (own) {
      const layer = { ...own, base: abs };
      const stop = isRepoRoot || parent === abs || this.parsed.get(path.join(abs, CONFIG_FILE_NAME))?.config.root;
      result = stop ? layer : mergeResolved(this.forDir(parent), layer);
    } else if (isRepoRoot) {
      result = { ...NO_CONFIG, base: abs };
    } else if (parent === abs) {
      result = NO_CONFIG;
    } else {
      result = this.forDir(parent);
    }
    this.dirs.set(abs, result);
    return result;
  }

  /** An explicit configuration file (`--config`): it alone applies, with its `extends`, wherever the file is. */
  forConfigFile(file: string): ResolvedConfig {
    const abs = path.resolve(file);
    const r = this.expand(abs, []);
    if (r) return { ...r, base: path.dirname(abs) };
    return {
      ...NO_CONFIG,
      files: [abs],
      errors: [{ file: abs, error: { message: 'cannot read the configuration file', line: 1, column: 1 } }],
    };
  }

  /** Parses a file once; undefined when there is no such file. */
  private parse(file: string): ParsedFile | undefined {
    if (this.parsed.has(file)) return this.parsed.get(file);
    const text = this.readText(file);
    const parsed = text === undefined ? undefined : parseConfig(text);
    this.parsed.set(file, parsed);
    return parsed;
  }

  /** One file with its `extends` applied first (recursively); undefined when the file does not exist. */
  private expand(file: string, chain: string[]): ResolvedConfig | undefined {
    const parsed = this.parse(file);
    if (!parsed) return undefined;
    const dir = path.dirname(file);
    let acc: ResolvedConfig = NO_CONFIG;
    const errors: LocatedConfigError[] = parsed.errors.map((error) => ({ file, error }));
    for (const ref of parsed.extendsRefs) {
      const target = path.resolve(dir, ref.value);
      const at = { key: 'extends', line: ref.line, column: ref.column };
      if (target === file || chain.includes(target)) {
        const loop = [...chain.slice(chain.indexOf(target)), file, target].map((f) => path.relative(dir, f) || f);
        errors.push({ file, error: { ...at, message: `extends cycle: ${loop.join(' -> ')}` } });
        continue;
      }
      const sub = this.expand(target, [...chain, file]);
      if (!sub) {
        errors.push({ file, error: { ...at, message: `cannot read ${JSON.stringify(ref.value)} (no such file)` } });
        continue;
      }
      acc = mergeResolved(acc, sub);
    }
    const own: ResolvedConfig = {
      files: [file],
      config: {
        ...(parsed.config.rules ? { rules: parsed.config.rules } : {}),
        ...(parsed.config.languages ? { languages: parsed.config.languages } : {}),
        ...(parsed.config.testFiles ? { testFiles: parsed.config.testFiles } : {}),
      },
      ignores: parsed.config.ignore?.length ? [{ base: dir, globs: parsed.config.ignore }] : [],
      base: undefined,
      errors,
    };
    return mergeResolved(acc, own);
  }
}

/** The distinct errors of several resolved configurations (a file shared by many folders counts once). */
export function distinctErrors(configs: Iterable<ResolvedConfig>): LocatedConfigError[] {
  const seen = new Set<string>();
  const out: LocatedConfigError[] = [];
  for (const c of configs) {
    for (const e of c.errors) {
      const id = `${e.file}\0${e.error.line}\0${e.error.column}\0${e.error.key ?? ''}\0${e.error.message}`;
      if (seen.has(id)) continue;
      seen.add(id);
      out.push(e);
    }
  }
  return out;
}
