// The texts a connection string can be written in: string literals of code, YAML scalar values and .env
// values. Shared by the connection-string detectors (one per rule) so each file is read once.
import type { Node } from 'web-tree-sitter';
import { isTestFile } from '../../../engine/languages';
import { jsonModel } from '../../../engine/languages/jsonc';
import { propertyEntries } from '../../../engine/languages/properties';
import { yamlPairs, yamlSequenceItems } from '../../../engine/languages/yaml';
import type { LanguageId, SourceFile } from '../../../engine/types';

/** String literal node types, per language. */
const STRINGS: Partial<Record<LanguageId, string[]>> = {
  python: ['string'],
  javascript: ['string', 'template_string'],
  typescript: ['string', 'template_string'],
  tsx: ['string', 'template_string'],
  go: ['interpreted_string_literal', 'raw_string_literal'],
  ruby: ['string'],
  php: ['string', 'encapsed_string'],
  java: ['string_literal'],
  kotlin: ['string_literal'],
  rust: ['string_literal', 'raw_string_literal'],
  csharp: ['string_literal', 'verbatim_string_literal', 'raw_string_literal', 'interpolated_string_expression'],
  // libpq's own language: `PQconnectdb("host=db sslmode=verify-ca")`, also split over adjacent literals.
  c: ['concatenated_string', 'string_literal', 'raw_string_literal'],
  cpp: ['concatenated_string', 'string_literal', 'raw_string_literal'],
};

/** The languages whose texts are read: code with string literals, YAML, .env, JSON configuration and .properties files. */
// JSON configuration first: a fixture named `<detector>.json` has no language of its own by its name.
export const TEXT_LANGUAGES = [
  'json-config',
  ...(Object.keys(STRINGS) as LanguageId[]),
  'yaml',
  'dotenv',
  'properties',
] as LanguageId[];

/** One text: its source (quotes included for literals) and where it starts in the file. */
export interface Text {
  text: string;
  start: number;
  /** The string literal, for code: whether it is a parser's input is decided on it. */
  node?: Node;
}

/** A .env assignment, `NAME=value` or `export NAME=value` (group 2: the value, quotes included). */
const DOTENV_LINE = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][\w.-]*)[ \t]*=[ \t]*(.*)$/gm;

/** A JSON configuration key whose string value is a connection string (`ConnectionString`, `MongoDb:Dsn`, `Redis:Uri`). */
const CONNECTION_KEY = /(connection.?strings?|dsn|ur[il])$/i;

/** Whether a string is a statement of its own (a docstring, `'use strict'`): never a connection string. */
function isStatement(s: Node): boolean {
  return s.parent?.type === 'expression_statement' && s.parent.namedChildCount === 1;
}

/**
 * YAML under a test or specification folder: the tables of URIs a driver's spec runner parses
 * (`spec/uri-options/tls-options.yml`), test data that configures no connection.
 */
function yamlTestData(path: string): boolean {
  return isTestFile(path) || /(^|[/\\])(spec|specs|specifications)[/\\]/.test(path);
}

/** Every text of the file a connection string may be written in (never a comment). */
export function connectionTexts(file: SourceFile): Text[] {
  return file.memo('dsn.texts', () => {
    const out: Text[] = [];
    if (file.language === 'yaml') {
      if (yamlTestData(file.path)) return out;
      for (const p of yamlPairs(file))
        if (p.scalar) out.push({ text: file.text.slice(p.valueStart, p.valueEnd), start: p.valueStart });
      for (const i of yamlSequenceItems(file, ['environment', 'env', 'args', 'command']))
        out.push({ text: i.raw, start: i.start });
      return out;
    }
    if (file.language === 'json-config') {
      // appsettings*.json: the values under `ConnectionStrings` and of keys named for a connection string.
      for (const p of jsonModel(file).properties) {
        if (p.value.type !== 'string') continue;
        if (!CONNECTION_KEY.test(p.key) && !p.path.some((k) => /^connectionstrings$/i.test(k))) continue;
        out.push({ text: file.text.slice(p.value.offset, p.value.offset + p.value.length), start: p.value.offset });
      }
      return out;
    }
    if (file.language === 'properties') {
      // `spring.datasource.url=jdbc:postgresql://db/app?sslfactory=...`: every value, as written.
      for (const p of propertyEntries(file))
        out.push({ text: file.text.slice(p.valueStart, p.valueEnd), start: p.valueStart });
      return out;
    }
    if (file.language === 'dotenv') {
      // Line by line, not as shell: an unquoted `&` in a URI is a dotenv value's text, not a shell operator.
      for (const m of file.text.matchAll(DOTENV_LINE)) {
        const value = m[2].trimEnd();
        out.push({ text: value, start: m.index + m[0].length - m[2].length });
      }
      return out;
    }
    const types = STRINGS[file.language];
    if (!types) return out;
    for (const s of file.nodes(...types)) {
      if (isStatement(s) || (s.parent && types.includes(s.parent.type))) continue;
      out.push({ text: s.text, start: s.startIndex, node: s });
    }
    return out;
  });
}

/** Callees that only parse or check a connection string (`parse_uri`, `ClientOptions::parse`, `ParseDSN`). */
const PARSER = /^(?:parse|Parse|urlparse|validate|Validate|normali[sz]e|TryParse|from_str|FromString|fromString)\w*$/;

/**
 * In test code, the URL and connection-string objects a test builds from a string (`new MongoUrlBuilder(s)`,
 * `new MongoUrl(s)`, `new SqlConnectionStringBuilder(s)`): the test checks what they parse to.
 */
const PARSED_IN_TESTS = /^\w*(?:Url|Uri|URL|URI|UrlBuilder|UriBuilder|ConnectionString|ConnectionStringBuilder)$/;

/** The last name of a call's callee (`ClientOptions::parse` → `parse`, `self.parse_uri` → `parse_uri`). */
function calleeName(call: Node): string | undefined {
  const f =
    call.childForFieldName('function') ??
    call.childForFieldName('method') ??
    call.childForFieldName('name') ??
    call.namedChild(0);
  return f?.text.split(/\.|::|->/).pop();
}

/**
 * Whether the string is the input of a parser (a connection-string parser's unit test): an argument of a
 * call named for parsing, directly or through the local it is bound to (`uri = "..."; parse_uri(uri)`).
 * What a parser is given configures no connection by itself.
 */
export function parsed(s: Node, test = false): boolean {
  let p = s.parent;
  while (
    p &&
    /^(argument|arguments|argument_list|value_argument|value_arguments|parenthesized_expression|binary_expression|await_expression|expression_list)$/.test(
      p.type,
    )
  )
    p = p.parent;
  if (p && /call|invocation/.test(p.type)) return PARSER.test(calleeName(p) ?? '');
  if (p && /object_creation|new_expression|instance_creation|constructor_invocation/.test(p.type))
    return test && PARSED_IN_TESTS.test(constructed(p));
  if (!p || !/assignment|declarator|declaration|short_var|let_/.test(p.type)) return false;
  const target =
    p.childForFieldName('left') ?? p.childForFieldName('name') ?? p.childForFieldName('pattern') ?? p.namedChild(0);
  const name = target?.text.replace(/^\$/, '\\$');
  if (!name || !/^\\?\$?\w+$/.test(name)) return false;
  let scope: Node | null = p.parent;
  while (scope && !/function|method|closure|lambda|func_literal|^block$/.test(scope.type)) scope = scope.parent;
  const body = scope?.text ?? '';
  const parsers = test
    ? `(?:parse|Parse|urlparse|validate|Validate|TryParse)\\w*|new\\s+\\w*(?:Url|Uri|URL|URI|UrlBuilder|UriBuilder|ConnectionString|ConnectionStringBuilder)`
    : `(?:parse|Parse|urlparse|validate|Validate|TryParse)\\w*`;
  return new RegExp(`(?:^|[^\\w$])(?:${parsers})\\s*\\(\\s*&?${name}\\s*[,)]`).test(body);
}

/** The last name of the type a constructor call builds (`new MongoDB.Driver.MongoUrlBuilder(...)` → `MongoUrlBuilder`). */
function constructed(creation: Node): string {
  const t = creation.childForFieldName('type') ?? creation.childForFieldName('constructor') ?? creation.namedChild(0);
  return (
    (t?.text ?? '')
      .replace(/<.*$/s, '')
      .split(/\.|::|\\/)
      .pop() ?? ''
  );
}

/** An option found in a text: the `key=value` span (range) and the value's. */
export interface Match {
  start: number;
  end: number;
  valueStart: number;
  valueEnd: number;
  /** `key=value` as written. */
  shown: string;
  value: string;
}

/**
 * libpq's keywords (https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-PARAMKEYWORDS) as they open
 * a `keyword = value` word of a keyword/value connection string (`host=db port=5432 sslmode=verify-ca`).
 */
const LIBPQ_KEYWORD =
  /(?:^|[\s"'`])(host|hostaddr|port|dbname|user|password|passfile|service|options|application_name|connect_timeout|client_encoding|target_session_attrs|load_balance_hosts|sslmode|requiressl|sslrootcert|sslcert|sslkey|sslcrl|sslnegotiation|gssencmode|channel_binding)[ \t]*=/g;

/**
 * Whether a text is a libpq keyword/value connection string: two or more distinct libpq keywords, each opening
 * a blank-separated word (`"host=db sslmode=verify-ca"`, `dbname=app sslmode=verify-ca sslrootcert=ca.pem`), and
 * words that are mostly `keyword=value` pairs: a sentence that names `sslmode=verify-ca` and `sslmode=verify-full`
 * (an error message, a log line) is prose. Its options are separated by blanks, not by the `&` or `;` of URLs and
 * ADO.NET strings.
 */
export function isConninfo(text: string): boolean {
  const keywords = new Set<string>();
  for (const m of text.matchAll(LIBPQ_KEYWORD)) keywords.add(m[1]);
  if (keywords.size < 2) return false;
  const words = text.split(/\s+/).filter(Boolean);
  return words.filter((w) => w.includes('=')).length * 2 >= words.length;
}

/**
 * Every match of the patterns (group 1: the value; the match may begin with its delimiter `;`, `?`, `&`
 * or a quote) in the file's connection texts, parsers' inputs left out.
 */
export function matchOptions(
  file: SourceFile,
  patterns: RegExp[],
  conninfo: RegExp[] = [],
): { match: Match; pattern: number }[] {
  const out: { match: Match; pattern: number }[] = [];
  const seen = new Set<number>();
  const test = isTestFile(file.path);
  const all = [...patterns, ...conninfo];
  for (const t of connectionTexts(file)) {
    if (!all.some((p) => p.test(t.text)) || (t.node && parsed(t.node, test))) continue;
    const keywordValue = conninfo.length > 0 && isConninfo(t.text);
    all.forEach((p, i) => {
      const blankSeparated = i >= patterns.length;
      if (blankSeparated && !keywordValue) return;
      const m = p.exec(t.text);
      if (!m || m.index === undefined) return;
      // An option that opens the text is a connection string's only when more options follow
      // (`TrustServerCertificate=true;Server=db`, `sslmode=verify-ca&sslrootcert=...`): `'tlsInsecure=true'`
      // alone is one entry of a list of options, `"tlsInsecure=true&"` a piece a URL builder appends.
      // A libpq keyword/value string has two keywords or more (isConninfo).
      if (!blankSeparated && !/^[?&;]/.test(m[0]) && !/^\s*[;&]\s*[\w .-]+=/.test(t.text.slice(m.index + m[0].length)))
        return;
      const value = m[1];
      const valueEnd = t.start + m.index + m[0].length;
      const valueStart = valueEnd - value.length;
      if (seen.has(valueStart)) return;
      seen.add(valueStart);
      const written = m[0].replace(/^[?&;"'`\s]\s*/, '');
      // libpq's quoted value (`sslmode='verify-ca'`): the closing quote is shown too.
      const closing = /=\s*'$/.test(written.slice(0, -value.length)) && t.text[m.index + m[0].length] === "'";
      const shown = closing ? `${written}'` : written;
      out.push({
        match: { start: valueEnd - written.length, end: valueEnd, valueStart, valueEnd, shown, value },
        pattern: i,
      });
    });
  }
  return out;
}
