// Database and message-broker connection strings and URIs written as text (a string literal in code, a
// YAML value, a .env value): `key=value` options whose value turns certificate or host name checks off.
import type { Node } from 'web-tree-sitter';
import { isTestFile } from '../../../engine/languages';
import { yamlPairs } from '../../../engine/languages/yaml';
import type { Range, SourceFile } from '../../../engine/types';

export interface ConnOption {
  /** The key as written (`TrustServerCertificate`, `Trust Server Certificate`, `tlsInsecure`). */
  key: string;
  value: string;
  /** `key=value`. */
  range: Range;
  /** The value alone. */
  valueRange: Range;
}

/**
 * One `key=value` option as connection strings write it: after `;`, `?`, `&`, a quote or a line start (not a
 * backtick: ``tlsInsecure=True`` is reStructuredText in a docstring)
 * and before `;`, `&`, a quote or the line's end (never amid words: `tlsInsecure=True is for tests` is prose).
 */
const OPTION =
  /(?<=^|[;?&"'])(trust[ _]?server[ _]?certificate|verifyServerCertificate|sslfactory|tlsAllowInvalidCertificates|sslAllowInvalidCertificates|tlsInsecure|tlsAllowInvalidHostnames|sslAllowInvalidHostnames)[ \t]*=[ \t]*([\w.$]+)(?=[;&"'`]|\s*$)/gim;

/** Node types that are text in some grammar (a string literal or its content), not code. */
const TEXT = /(^|_)(string|heredoc|template|word|concatenation|text|content|fragment)(_|$)/;

/** Whether the text at `at` is inside a string (or a plain word, for shell-like .env files) and not in a comment. */
function inText(file: SourceFile, at: number, end: number): boolean {
  if (file.language === 'yaml') return yamlPairs(file).some((p) => p.scalar && p.valueStart <= at && end <= p.valueEnd);
  const root = file.tree?.rootNode;
  if (!root) return false;
  for (let n: Node | null = root.descendantForIndex(at, Math.max(at, end - 1)); n; n = n.parent) {
    if (/comment/.test(n.type)) return false;
    if (TEXT.test(n.type)) return !parsedOnly(n);
  }
  return false;
}

/** Callees that only parse a connection string (`parse_uri("mongodb://...")` in a parser's test). */
const PARSER = /^(parse\w*|Parse\w*|urlparse|from_str|FromString|TryParse)$/;

/** Whether the string is a direct argument of a parser: a test input, not a connection. */
function parsedOnly(str: Node): boolean {
  let n: Node = str;
  while (n.parent && TEXT.test(n.parent.type)) n = n.parent;
  let p = n.parent;
  if (p && /^(argument|value_argument)$/.test(p.type)) p = p.parent;
  if (!p || !/argument/.test(p.type)) return false;
  const call = p.parent;
  const fn = call?.childForFieldName('function') ?? call?.childForFieldName('name') ?? call?.namedChild(0);
  const last = fn?.text.split(/\.|::|->/).pop() ?? '';
  return PARSER.test(last);
}

/**
 * YAML under a test or specification folder: the tables of URIs a driver's spec runner parses
 * (`spec/uri-options/tls-options.yml`), test data that configures no connection.
 */
function yamlTestData(file: SourceFile): boolean {
  return (
    file.language === 'yaml' && (isTestFile(file.path) || /(^|[/\\])(spec|specs|specifications)[/\\]/.test(file.path))
  );
}

/** Every connection-string option of the file, in text (never in a comment). */
export function connectionOptions(file: SourceFile): ConnOption[] {
  return file.memo('connstr.options', () => {
    const out: ConnOption[] = [];
    if (yamlTestData(file)) return out;
    for (const m of file.text.matchAll(OPTION)) {
      const start = m.index;
      const end = start + m[0].length;
      if (!inText(file, start, end)) continue;
      const valueStart = end - m[2].length;
      out.push({
        key: m[1],
        value: m[2],
        range: { start, end },
        valueRange: { start: valueStart, end },
      });
    }
    return out;
  });
}

/** The key without spaces or underscores, lower-cased: `Trust Server Certificate` → `trustservercertificate`. */
export function normalKey(key: string): string {
  return key.replace(/[ _]/g, '').toLowerCase();
}

export function isTrueWord(v: string): boolean {
  return /^(true|yes|1)$/i.test(v);
}

export function isFalseWord(v: string): boolean {
  return /^(false|no|0)$/i.test(v);
}
