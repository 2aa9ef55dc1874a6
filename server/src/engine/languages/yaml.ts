// YAML documents as key/value pairs with source offsets (the `yaml` package: a real YAML 1.2 parser,
// pure JavaScript, no I/O), and the shell blocks of CI files (`run:`, `script:`).
import {
  isPair,
  isScalar,
  isSeq,
  parseAllDocuments,
  visit,
  type Document,
  type Node as YamlNode,
  type Pair,
  type Scalar,
} from 'yaml';
import type { SourceFile } from '../types';

export interface YamlPair {
  key: string;
  keyStart: number;
  keyEnd: number;
  /** The value when it is a scalar; its raw source text decides booleans (YAML 1.1 `yes`/`no` too). */
  scalar: Scalar | undefined;
  valueStart: number;
  valueEnd: number;
  /** The raw source of the scalar value (quotes included). */
  raw: string;
  /** The keys of the enclosing mappings, outermost first. */
  path: string[];
  /** The pair's whole span (key through value). */
  start: number;
  end: number;
  /** The mapping that holds the pair, for sibling look-ups (Kubernetes `- name: X` / `value: Y`). */
  siblings: YamlPair[];
  /** Whether that mapping is an item of a sequence (`- name: X`) rather than a key's value. */
  inSequence: boolean;
}

/** A scalar's raw source, trimmed of quotes. */
export function unquote(raw: string): string {
  const t = raw.trim();
  if ((t.startsWith('"') && t.endsWith('"')) || (t.startsWith("'") && t.endsWith("'"))) return t.slice(1, -1);
  return t;
}

export function isYamlTrue(raw: string): boolean {
  return /^(true|yes|on|y)$/i.test(raw.trim());
}

export function isYamlFalse(raw: string): boolean {
  return /^(false|no|off|n)$/i.test(raw.trim());
}

/** The opposite boolean in the same spelling style (`yes` -> `no`, `True` -> `False`). */
export function flipBoolean(raw: string): string | undefined {
  const pairs: [string, string][] = [
    ['true', 'false'],
    ['yes', 'no'],
    ['on', 'off'],
    ['y', 'n'],
  ];
  const t = raw.trim();
  for (const [a, b] of pairs) {
    for (const [from, to] of [
      [a, b],
      [b, a],
    ]) {
      if (t === from) return to;
      if (t === from.toUpperCase()) return to.toUpperCase();
      if (t === from[0].toUpperCase() + from.slice(1)) return to[0].toUpperCase() + to.slice(1);
    }
  }
  return undefined;
}

function keyOf(pair: Pair): string | undefined {
  return isScalar(pair.key) && (typeof pair.key.value === 'string' || typeof pair.key.value === 'number')
    ? String(pair.key.value)
    : undefined;
}

/** The file's YAML documents, parsed once per lint and shared by every look-up below. */
function yamlDocuments(file: SourceFile): Document.Parsed[] {
  return file.memo('yaml.documents', () => {
    try {
      return parseAllDocuments(file.text, { uniqueKeys: false, strict: false }) as Document.Parsed[];
    } catch {
      return [];
    }
  });
}

/** Every key/value pair of every document, with offsets. Malformed parts are skipped. */
export function yamlPairs(file: SourceFile): YamlPair[] {
  return file.memo('yaml.pairs', () => {
    const out: YamlPair[] = [];
    for (const doc of yamlDocuments(file)) {
      const byMap = new Map<unknown, YamlPair[]>();
      visit(doc, {
        Pair(_k, pair, ancestry) {
          const key = keyOf(pair);
          const k = pair.key as YamlNode | null;
          const v = pair.value as YamlNode | null;
          if (key === undefined || !k?.range) return;
          const path: string[] = [];
          for (const a of ancestry)
            if (isPair(a)) {
              const ak = keyOf(a);
              if (ak !== undefined) path.push(ak);
            }
          const parentMap = ancestry[ancestry.length - 1];
          const siblings = byMap.get(parentMap) ?? [];
          byMap.set(parentMap, siblings);
          const scalar = v && isScalar(v) ? v : undefined;
          const valueStart = v?.range?.[0] ?? k.range[1];
          const valueEnd = v?.range?.[1] ?? k.range[1];
          const p: YamlPair = {
            key,
            keyStart: k.range[0],
            keyEnd: k.range[1],
            scalar,
            valueStart,
            valueEnd,
            raw: scalar ? file.text.slice(valueStart, valueEnd) : '',
            path,
            start: k.range[0],
            end: valueEnd,
            siblings,
            inSequence: isSeq(ancestry[ancestry.length - 2]),
          };
          siblings.push(p);
          out.push(p);
        },
      });
    }
    return out;
  });
}

/** Where docker-compose, Kubernetes and CI files keep environment variables. */
export const YAML_ENV_KEYS = ['env', 'environment', 'variables', 'envs'];

/** An entry `NAME=value` of an environment list (`environment: ["A=1"]`), with the value's range in the text. */
export interface YamlEnvEntry {
  /** The list item (quotes included). */
  start: number;
  end: number;
  name: string;
  value: string;
  valueStart: number;
  valueEnd: number;
}

/** The `NAME=value` items of the lists under `keys` (an item without `=` is left out). */
export function yamlEnvEntries(file: SourceFile, keys: readonly string[] = YAML_ENV_KEYS): YamlEnvEntry[] {
  const out: YamlEnvEntry[] = [];
  for (const item of yamlSequenceItems(file, [...keys])) {
    const v = unquote(item.raw);
    const eq = v.indexOf('=');
    if (eq <= 0) continue;
    const lead = item.raw.length - item.raw.trimStart().length + (/^\s*["']/.test(item.raw) ? 1 : 0);
    const valueStart = item.start + lead + eq + 1;
    out.push({
      start: item.start,
      end: item.end,
      name: v.slice(0, eq),
      value: v.slice(eq + 1),
      valueStart,
      valueEnd: valueStart + v.length - eq - 1,
    });
  }
  return out;
}

/**
 * Kubernetes' environment entries (`- name: KAFKA_SSL_ENABLED_PROTOCOLS` / `value: "TLSv1.2,TLSv1.1"` in one item
 * of a list), read as `NAME=value` entries: the range runs from `name:` to the end of `value:`, the value's offsets
 * are those of its text (inside its quotes). An entry whose value comes from elsewhere (`valueFrom:`) is left out.
 */
export function yamlNameValueEntries(file: SourceFile): YamlEnvEntry[] {
  return file.memo('yaml.nameValue', () => {
    const out: YamlEnvEntry[] = [];
    for (const p of yamlPairs(file)) {
      if (p.key !== 'name' || !p.inSequence || !p.scalar) continue;
      const v = p.siblings.find((s) => s.key === 'value' && s.scalar);
      if (!v) continue;
      const raw = file.text.slice(v.valueStart, v.valueEnd);
      const quoted = raw.length >= 2 && (raw[0] === '"' || raw[0] === "'") && raw.at(-1) === raw[0];
      const valueStart = quoted ? v.valueStart + 1 : v.valueStart;
      const valueEnd = quoted ? v.valueEnd - 1 : v.valueEnd;
      out.push({
        start: Math.min(p.start, v.start),
        end: Math.max(p.end, v.end),
        name: unquote(p.raw),
        value: file.text.slice(valueStart, valueEnd),
        valueStart,
        valueEnd,
      });
    }
    return out;
  });
}

/** Plain scalars of a sequence (compose `environment: [A=1]`, GitLab `script: [...]`) under a key. */
export function yamlSequenceItems(
  file: SourceFile,
  keys: string[],
): { key: string; start: number; end: number; raw: string; scalar: Scalar }[] {
  return file.memo(`yaml.seq:${keys.join(',')}`, () => {
    const out: { key: string; start: number; end: number; raw: string; scalar: Scalar }[] = [];
    for (const doc of yamlDocuments(file)) {
      visit(doc, {
        Pair(_k, pair) {
          const key = keyOf(pair);
          const v = pair.value;
          if (key === undefined || !keys.includes(key) || !isSeq(v)) return;
          for (const item of v.items) {
            if (isScalar(item) && item.range)
              out.push({
                key,
                start: item.range[0],
                end: item.range[1],
                raw: file.text.slice(item.range[0], item.range[1]),
                scalar: item,
              });
          }
        },
      });
    }
    return out;
  });
}

// GitHub Actions `run`, GitLab/Bitbucket `script`, Drone `commands`, Travis CI's phases (`before_install`,
// `install`, `after_success`, `before_deploy`) and AppVeyor's (`init`, `install`, `build_script`, `test_script`).
const SHELL_KEYS = [
  'run',
  'script',
  'before_script',
  'after_script',
  'shell',
  'cmd',
  'commands',
  'before_install',
  'install',
  'after_success',
  'after_failure',
  'before_deploy',
  'init',
  'build_script',
  'test_script',
  'before_build',
  'after_build',
  'before_test',
  'after_test',
];

/** Spans of the file holding shell code: `run:` block or plain scalars and `script:` lists in CI YAML. */
export function yamlShellBlocks(file: SourceFile): { start: number; end: number }[] {
  return file.memo('yaml.shell-blocks', () => {
    const out: { start: number; end: number }[] = [];
    const add = (scalar: Scalar, start: number, end: number) => {
      if (scalar.type === 'PLAIN') out.push({ start, end });
      else if (scalar.type === 'BLOCK_LITERAL' || scalar.type === 'BLOCK_FOLDED') {
        const nl = file.text.indexOf('\n', start);
        if (nl >= 0 && nl < end) out.push({ start: nl + 1, end });
      }
    };
    for (const p of yamlPairs(file))
      if (SHELL_KEYS.includes(p.key) && p.scalar) add(p.scalar, p.valueStart, p.valueEnd);
    for (const item of yamlSequenceItems(file, SHELL_KEYS)) add(item.scalar, item.start, item.end);
    return out;
  });
}
