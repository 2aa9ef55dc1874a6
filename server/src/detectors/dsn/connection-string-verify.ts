import type { Node } from 'web-tree-sitter';
import { defineDetector } from '../../engine/detector';
import { jsonModel } from '../../engine/languages/jsonc';
import type { LanguageId, SourceFile } from '../../engine/types';

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
};

interface Parameter {
  /** The parameter and its insecure value (group 1: the value), after `?`, `&` or `;`. */
  pattern: RegExp;
  /** The value that keeps verification on. */
  secure: string;
  /** Whose parameter it is, for the message. */
  driver: string;
}

// Documented connection-string parameters whose value turns certificate verification off.
const PARAMETERS: Parameter[] = [
  {
    pattern: /[?&;]\s*(?:tlsAllowInvalidCertificates|sslAllowInvalidCertificates|tlsInsecure)\s*=\s*(true)\b/i,
    secure: 'false',
    driver: 'MongoDB',
  },
  { pattern: /[?&]tls=(skip-verify)\b/, secure: 'true', driver: 'Go MySQL driver' },
  { pattern: /[?&]skip_verify=(true|1)\b/, secure: 'false', driver: 'ClickHouse' },
  { pattern: /[?&]ssl_cert_reqs=(none|CERT_NONE)\b/i, secure: 'required', driver: 'redis-py' },
  { pattern: /[?&]verify_peer=(0|false)\b/, secure: '1', driver: 'Symfony Mailer' },
  { pattern: /[;?&"'`]\s*trustServerCertificate\s*=\s*(true|yes)\b/i, secure: 'false', driver: 'SQL Server' },
  { pattern: /[?&;]verifyServerCertificate=(false)\b/, secure: 'true', driver: 'MySQL Connector/J' },
  { pattern: /[?&]sslmode=(no-verify)\b/, secure: 'verify-full', driver: 'node-postgres' },
  { pattern: /[?&]sslaccept=(accept_invalid_certs)\b/, secure: 'strict', driver: 'Prisma' },
  {
    pattern: /[?&]ssl=\{[^}]*?\\?["']?rejectUnauthorized\\?["']?\s*:\s*(false)\b/,
    secure: 'true',
    driver: 'MySQL (JSON ssl options)',
  },
];

/** Whether a string is a statement of its own (a docstring, `'use strict'`): never a connection string. */
function isStatement(s: Node): boolean {
  return s.parent?.type === 'expression_statement' && s.parent.namedChildCount === 1;
}

/** Callees that only parse or check a connection string (`parse_uri`, `ClientOptions::parse`, `ParseDSN`). */
const PARSER = /^(?:parse|Parse|urlparse|validate|Validate|normali[sz]e)\w*$/;

/** The last name of a call's callee (`ClientOptions::parse` → `parse`, `self.parse_uri` → `parse_uri`). */
function calleeName(call: Node): string | undefined {
  const f = call.childForFieldName('function') ?? call.childForFieldName('method') ?? call.childForFieldName('name');
  return f?.text.split(/\.|::|->/).pop();
}

/**
 * Whether the string is the input of a parser (a connection-string parser's unit test): an argument of a
 * call named for parsing, directly or through the local it is bound to (`uri = "..."; parse_uri(uri)`).
 * What a parser is given configures no connection by itself.
 */
function parsed(s: Node): boolean {
  let p = s.parent;
  while (
    p &&
    /^(argument|arguments|argument_list|value_argument|value_arguments|parenthesized_expression|binary_expression|await_expression|expression_list)$/.test(
      p.type,
    )
  )
    p = p.parent;
  if (p && /call|invocation/.test(p.type)) return PARSER.test(calleeName(p) ?? '');
  if (!p || !/assignment|declarator|declaration|short_var|let_/.test(p.type)) return false;
  const target =
    p.childForFieldName('left') ?? p.childForFieldName('name') ?? p.childForFieldName('pattern') ?? p.namedChild(0);
  const name = target?.text.replace(/^\$/, '\\$');
  if (!name || !/^\\?\$?\w+$/.test(name)) return false;
  let scope: Node | null = p.parent;
  while (scope && !/function|method|closure|lambda|func_literal|^block$/.test(scope.type)) scope = scope.parent;
  const body = scope?.text ?? '';
  return new RegExp(`(?:^|[^\\w$])(?:parse|Parse|urlparse|validate|Validate)\\w*\\s*\\(\\s*&?${name}\\s*[,)]`).test(
    body,
  );
}

/** A key of JSON configuration whose string value is a connection string (`ConnectionStrings:Default`, `MongoDb:ConnectionString`). */
const CONNECTION_KEY = /(connection.?strings?|dsn|ur[il])$/i;

/** The string literals (quotes included) that may be connection strings, with their offsets. */
function candidates(file: SourceFile): { text: string; startIndex: number }[] {
  if (file.language === 'json-config') {
    return jsonModel(file)
      .properties.filter(
        (p) =>
          p.value.type === 'string' &&
          (CONNECTION_KEY.test(p.key) || p.path.some((k) => /^connectionstrings$/i.test(k))),
      )
      .map((p) => ({
        text: file.text.slice(p.value.offset, p.value.offset + p.value.length),
        startIndex: p.value.offset,
      }))
      .filter((s) => PARAMETERS.some((p) => p.pattern.test(s.text)));
  }
  const types = STRINGS[file.language];
  if (!types) return [];
  return file
    .nodes(...types)
    .filter(
      (s) =>
        !isStatement(s) &&
        !(s.parent && types.includes(s.parent.type)) &&
        PARAMETERS.some((p) => p.pattern.test(s.text)) &&
        !parsed(s),
    );
}

interface State {
  start: number;
  end: number;
  secure: string;
}

export const detector = defineDetector<State>({
  id: 'dsn.connection-string-verify',
  summary: 'Connection strings and URIs whose parameters turn certificate verification off.',
  docs: `
    Connection strings and URIs written in code whose parameters turn certificate verification off:
    MongoDB \`tlsAllowInvalidCertificates=true\` / \`tlsInsecure=true\`, the Go MySQL driver's
    \`tls=skip-verify\`, ClickHouse \`skip_verify=true\`, redis-py \`ssl_cert_reqs=none\`, Symfony Mailer
    \`verify_peer=0\`, SQL Server \`TrustServerCertificate=true\`, MySQL Connector/J
    \`verifyServerCertificate=false\`, node-postgres \`sslmode=no-verify\`, and the mysql/mysql2/knex JSON
    form \`?ssl={"rejectUnauthorized":false}\`, Prisma's \`sslaccept=accept_invalid_certs\`. Only string literals are read (never comments), and a string
    that is a statement of its own (a docstring) is prose. In JSON configuration (\`appsettings*.json\`),
    the values under \`ConnectionStrings\` and of keys named for one (\`ConnectionString\`, \`Dsn\`, \`Uri\`).
  `,
  rule: 'cert-verification-disabled',
  // JSON configuration first: its fixture (`connection-string-verify.json`) has no name of its own.
  languages: ['json-config', ...(Object.keys(STRINGS) as LanguageId[])],
  apis: [
    'ConnectionStrings (appsettings.json)',
    'mongodb://',
    'mysql DSN',
    'clickhouse://',
    'rediss://',
    'smtp://',
    'jdbc:sqlserver://',
    'postgres://',
  ],
  tokens: [
    'AllowInvalidCertificates',
    'tlsInsecure',
    'skip-verify',
    'skip_verify',
    'ssl_cert_reqs',
    'verify_peer=',
    'rustServerCertificate',
    'verifyServerCertificate',
    'no-verify',
    'rejectUnauthorized',
    'accept_invalid_certs',
  ],
  fixAvailability: 'always',
  detect(file, report) {
    const seen = new Set<number>();
    for (const s of candidates(file)) {
      const text = s.text;
      for (const p of PARAMETERS) {
        const m = p.pattern.exec(text);
        if (!m || m.index === undefined) continue;
        const value = m[1];
        const valueAt = s.startIndex + m.index + m[0].length - value.length;
        if (seen.has(valueAt)) continue;
        seen.add(valueAt);
        const shown = m[0].replace(/^[?&;"'`]\s*/, '');
        report({
          range: { start: s.startIndex + m.index + m[0].length - shown.length, end: valueAt + value.length },
          message: `\`${shown}\` in a ${p.driver} connection string: the server's certificate is not verified.`,
          state: { start: valueAt, end: valueAt + value.length, secure: p.secure },
        });
      }
    }
  },
  fix(_file, r) {
    const { start, end, secure } = r.state;
    return {
      title: `Verify the server certificate (\`${secure}\`)`,
      safety: 'unsafe',
      edits: [{ start, end, newText: secure }],
    };
  },
  examples: {
    javascript: {
      bad: `
        const { MongoClient } = require('mongodb');
        const client = new MongoClient('mongodb://db.example.com/?tls=true&tlsAllowInvalidCertificates=true');
      `,
      good: `
        const { MongoClient } = require('mongodb');
        const client = new MongoClient('mongodb://db.example.com/?tls=true&tlsCAFile=/etc/ssl/mongo-ca.pem');
      `,
    },
  },
});
