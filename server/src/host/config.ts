// `.tlslint.json`: finding, parsing and validating it (with line/column and key for every error) and
// turning it into the engine's LintSettings. Invalid parts are reported and replaced by defaults.
import Ajv, { type ErrorObject } from 'ajv';
import * as fs from 'fs';
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
  rules?: Partial<Record<ReportedRuleId, SeveritySetting>>;
  ignore?: string[];
  languages?: { python?: { version?: string }; go?: { version?: string } };
  testFiles?: TestFilesMode;
}

export interface ConfigError {
  message: string;
  /** Dotted key path, e.g. `rules.legacy-protocl`; undefined for syntax errors. */
  key?: string;
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

interface Located {
  keyOffset: number;
  valueOffset: number;
}

/** Offsets of every key and value in valid JSON, by JSON-pointer-like path (segments joined with \0). */
function locate(text: string): Map<string, Located> {
  const out = new Map<string, Located>();
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\r\n\ufeff'.includes(text[i])) i++;
  };
  const str = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (p: string[]): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        const keyOffset = i;
        const key = str();
        ws();
        i++; // ':'
        ws();
        const child = [...p, key];
        out.set(child.join('\0'), { keyOffset, valueOffset: i });
        value(child);
        ws();
        if (text[i++] !== ',') return;
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (let n = 0; ; n++) {
        ws();
        const child = [...p, String(n)];
        out.set(child.join('\0'), { keyOffset: i, valueOffset: i });
        value(child);
        ws();
        if (text[i++] !== ',') return;
      }
    } else if (c === '"') {
      str();
    } else {
      while (i < text.length && !',]} \t\r\n'.includes(text[i])) i++;
    }
  };
  try {
    value([]);
  } catch {
    // Positions are a courtesy; a scanner slip must not hide the error itself.
  }
  return out;
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

/**
 * Parses and validates the text of a `.tlslint.json`. Pure. Every JSON syntax error or schema error
 * comes with a 1-based line and column and, for schema errors, the dotted key path.
 */
export function parseConfig(text: string): { config: TlslintConfig; errors: ConfigError[] } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const offsetShift = body === text ? 0 : 1;
  if (body.trim() === '') return { config: {}, errors: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch (e) {
    const msg = (e as Error).message;
    const m = /position (\d+)/.exec(msg);
    const offset = m ? Number(m[1]) : body.length;
    const { line, column } = lineCol(text, offset + offsetShift);
    // Drop V8's own position suffix: the caller prints line:column.
    const clean = msg.replace(/(?<!\s)\s*in JSON at position \d+.*$/, '').replace(/^JSON\.parse: /, '');
    return { config: {}, errors: [{ message: `invalid JSON: ${clean}`, line, column }] };
  }
  const errors: ConfigError[] = [];
  const validate = validator();
  if (!validate(raw)) {
    const where = locate(text);
    const seen = new Set<string>();
    for (const e of validate.errors ?? []) {
      const segments = pointerSegments(e.instancePath);
      const d = describe(e, segments);
      const loc = where.get(d.key.join('\0'));
      const offset = loc ? (d.atKey ? loc.keyOffset : loc.valueOffset) : 0;
      const { line, column } = lineCol(text, offset);
      const key = d.key.join('.') || undefined;
      const id = `${key}\0${d.message}`;
      if (seen.has(id)) continue;
      seen.add(id);
      errors.push({ message: d.message, key, line, column });
    }
  }
  return { config: sanitize(raw), errors };
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
