import { defineDetector } from '../../engine/detector';
import { TEXT_LANGUAGES, matchOptions } from './support/texts';

interface Parameter {
  /** The parameter and its insecure value (group 1: the value), after `?`, `&`, `;`, a quote or a line start. */
  pattern: RegExp;
  /** The value that keeps verification on (none: no single value does). */
  secure?: (value: string) => string;
  /** Whose parameter it is, for the message (from the `key=value` as written). */
  driver: string | ((shown: string) => string);
}

/** After a delimiter (or at the start of a YAML/.env value), before one or the end of the text's line. */
const BEFORE = `(?:^|[?&;"'\`])[ \\t]*`;
const AFTER = `(?=[ \\t]*(?:[;&"'\`]|$))`;
function option(key: string, value: string, flags = 'm'): RegExp {
  return new RegExp(`${BEFORE}(?:${key})[ \\t]*=[ \\t]*(${value})${AFTER}`, flags);
}

/** `true` → `false` in the value's own spelling (`True` → `False`, `yes` → `no`). */
function negate(v: string): string {
  const word = /^yes$/i.test(v) ? 'no' : 'false';
  return v === v.toUpperCase() ? word.toUpperCase() : /^[A-Z]/.test(v) ? word[0].toUpperCase() + word.slice(1) : word;
}

// Documented connection-string parameters whose value turns certificate verification off.
const PARAMETERS: Parameter[] = [
  {
    pattern: option('tlsAllowInvalidCertificates|sslAllowInvalidCertificates|tlsInsecure', 'true', 'im'),
    secure: negate,
    driver: 'MongoDB',
  },
  { pattern: /[?&]tls=(skip-verify)\b/, secure: () => 'true', driver: 'Go MySQL driver' },
  { pattern: /[?&]skip_verify=(true|1)\b/, secure: (v) => (v === '1' ? '0' : 'false'), driver: 'ClickHouse' },
  { pattern: /[?&]ssl_cert_reqs=(none|CERT_NONE)\b/i, secure: () => 'required', driver: 'redis-py' },
  { pattern: /[?&]verify_peer=(0|false)\b/, secure: () => '1', driver: 'Symfony Mailer' },
  // SqlClient, ODBC and the JDBC driver spell it `TrustServerCertificate`, Npgsql `Trust Server Certificate`;
  // keys are case-insensitive.
  {
    pattern: option('trust[ _]?server[ _]?certificate', 'true|yes', 'im'),
    secure: negate,
    driver: (shown) => (/^trust server/i.test(shown) ? 'SqlClient or Npgsql' : 'SQL Server'),
  },
  { pattern: option('verifyServerCertificate', 'false'), secure: () => 'true', driver: 'MySQL Connector/J' },
  { pattern: /[?&]sslmode=(no-verify)\b/, secure: () => 'verify-full', driver: 'node-postgres' },
  { pattern: /[?&]sslaccept=(accept_invalid_certs)\b/, secure: () => 'strict', driver: 'Prisma' },
  {
    pattern: /[?&]ssl=\{[^}]*?\\?["']?rejectUnauthorized\\?["']?\s*:\s*(false)\b/,
    secure: () => 'true',
    driver: 'MySQL (JSON ssl options)',
  },
  // pgjdbc: the factory that accepts every certificate. No single value replaces it (the default,
  // LibPQFactory, reads the CA from ~/.postgresql), so no fix.
  {
    pattern: option('sslfactory', '(?:org\\.postgresql\\.ssl\\.(?:jdbc4\\.)?)?NonValidatingFactory'),
    driver: 'PostgreSQL JDBC',
  },
];

interface State {
  start: number;
  end: number;
  secure: string | undefined;
}

export const detector = defineDetector<State>({
  id: 'dsn.connection-string-verify',
  summary: 'Connection strings and URIs whose parameters turn certificate verification off.',
  docs: `
    Connection strings and URIs (in a string literal, a YAML value or a .env file) whose parameters turn
    certificate verification off: MongoDB \`tlsAllowInvalidCertificates=true\` / \`tlsInsecure=true\`, the Go
    MySQL driver's \`tls=skip-verify\`, ClickHouse \`skip_verify=true\`, redis-py \`ssl_cert_reqs=none\`,
    Symfony Mailer \`verify_peer=0\`, SQL Server (SqlClient, ODBC, JDBC) \`TrustServerCertificate=true\` and
    Npgsql's \`Trust Server Certificate=true\` (any case, with or without spaces), MySQL Connector/J
    \`verifyServerCertificate=false\`, PostgreSQL JDBC \`sslfactory=org.postgresql.ssl.NonValidatingFactory\`,
    node-postgres \`sslmode=no-verify\`, the mysql/mysql2/knex JSON form \`?ssl={"rejectUnauthorized":false}\`,
    Prisma's \`sslaccept=accept_invalid_certs\`. Only string literals and configuration values are read
    (never comments); a string that is a statement of its own (a docstring) is prose, a parser's input
    (\`parse_uri("...")\`) is a test of the parser, and YAML under test or spec folders is test data.
  `,
  rule: 'cert-verification-disabled',
  languages: TEXT_LANGUAGES,
  apis: [
    'mongodb://',
    'mysql DSN',
    'clickhouse://',
    'rediss://',
    'smtp://',
    'jdbc:sqlserver://',
    'jdbc:postgresql://',
    'postgres://',
    'ADO.NET (SqlClient, Npgsql)',
  ],
  tokens: [
    'AllowInvalidCertificates',
    'allowinvalidcertificates',
    'ALLOWINVALIDCERTIFICATES',
    'tlsInsecure',
    'tlsinsecure',
    'skip-verify',
    'skip_verify',
    'ssl_cert_reqs',
    'SSL_CERT_REQS',
    'verify_peer=',
    'rustServerCertificate',
    'rust Server Certificate',
    'rust server certificate',
    'rust_server_certificate',
    'rustservercertificate',
    'RUSTSERVERCERTIFICATE',
    'RUST SERVER CERTIFICATE',
    'verifyServerCertificate',
    'no-verify',
    'rejectUnauthorized',
    'accept_invalid_certs',
    'NonValidatingFactory',
  ],
  fixAvailability: 'sometimes',
  detect(file, report) {
    for (const { match: m, pattern } of matchOptions(
      file,
      PARAMETERS.map((p) => p.pattern),
    )) {
      const p = PARAMETERS[pattern];
      const driver = typeof p.driver === 'string' ? p.driver : p.driver(m.shown);
      report({
        range: { start: m.start, end: m.end },
        message: `\`${m.shown}\` in a ${driver} connection string: the server's certificate is not verified.`,
        state: { start: m.valueStart, end: m.valueEnd, secure: p.secure?.(m.value) },
      });
    }
  },
  fix(_file, r) {
    const { start, end, secure } = r.state;
    if (!secure) return undefined;
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
