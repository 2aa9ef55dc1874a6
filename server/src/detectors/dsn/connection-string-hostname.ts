import { defineDetector } from '../../engine/detector';
import { TEXT_LANGUAGES, matchOptions } from './support/texts';

/** After a delimiter (or at the start of a YAML/.env value), before one or the end of the text's line. */
const BEFORE = `(?:^|[?&;"'\`])[ \\t]*`;
const AFTER = `(?=[ \\t]*(?:[;&"'\`]|$))`;

// Documented connection-string parameters whose value leaves the host name unchecked (the chain still is).
const PATTERNS = [
  // MongoDB URIs (every driver): `tlsAllowInvalidHostnames`, and the older `sslAllowInvalidHostnames`.
  new RegExp(`${BEFORE}(?:tls|ssl)AllowInvalidHostnames[ \\t]*=[ \\t]*(true)${AFTER}`, 'im'),
  // libpq/pgjdbc/node-postgres `sslmode=verify-ca`, Npgsql `SSL Mode=VerifyCA`, MySqlConnector
  // `SslMode=VerifyCA`, MySQL Connector/J `sslMode=VERIFY_CA`: the CA is checked, the host name is not.
  new RegExp(`${BEFORE}ssl[ _-]?mode[ \\t]*=[ \\t]*(verify[-_]?ca)${AFTER}`, 'im'),
];

/**
 * The same options in a libpq keyword/value connection string (`"host=db sslmode=verify-ca sslrootcert=ca.pem"`:
 * psycopg, lib/pq and pgx, Ruby pg, libpq itself), whose options are separated by blanks; the value may be quoted.
 */
const CONNINFO = [/(?:^|[\s"'`])sslmode[ \t]*=[ \t]*'?(verify-ca)(?='?(?:[\s"'`]|$))/m];

/** The value that checks the host name too, in the driver family's own spelling. */
function secureOf(value: string): string {
  if (/^true$/i.test(value)) return value[0] === 'T' ? 'False' : 'false';
  if (value === 'verify-ca') return 'verify-full';
  if (value === 'VERIFY_CA') return 'VERIFY_IDENTITY';
  if (value === 'verify_ca') return 'verify_identity';
  return 'VerifyFull';
}

interface State {
  start: number;
  end: number;
  secure: string;
}

export const detector = defineDetector<State>({
  id: 'dsn.connection-string-hostname',
  summary: 'Connection strings and URIs whose parameters leave the host name unchecked.',
  docs: `
    Connection strings and URIs (in a string literal, a YAML value or a .env file) whose parameters keep the
    certificate chain check but leave the host name unchecked: MongoDB \`tlsAllowInvalidHostnames=true\` (and
    the older \`sslAllowInvalidHostnames=true\`), PostgreSQL \`sslmode=verify-ca\` (libpq, pgjdbc,
    node-postgres), Npgsql \`SSL Mode=VerifyCA\`, MySqlConnector \`SslMode=VerifyCA\`, MySQL Connector/J
    \`sslMode=VERIFY_CA\`, in a URL or in libpq's keyword/value form (\`"host=db sslmode=verify-ca"\`, blank-separated,
    in any language the strings are read, C's \`PQconnectdb\` included). Any certificate the CA issued, for any host, is accepted. Read like
    \`dsn.connection-string-verify\`: never comments, docstrings, a parser's input or YAML test data.
  `,
  rule: 'hostname-verification-disabled',
  languages: TEXT_LANGUAGES,
  apis: ['mongodb://', 'postgres://', 'jdbc:postgresql://', 'jdbc:mysql://', 'ADO.NET (Npgsql, MySqlConnector)'],
  tokens: [
    'AllowInvalidHostnames',
    'allowinvalidhostnames',
    'ALLOWINVALIDHOSTNAMES',
    'verify-ca',
    'VerifyCA',
    'VERIFY_CA',
    'verify_ca',
    'verifyca',
    'Verify-CA',
  ],
  fixAvailability: 'always',
  detect(file, report) {
    for (const { match: m } of matchOptions(file, PATTERNS, CONNINFO)) {
      report({
        range: { start: m.start, end: m.end },
        message: `\`${m.shown}\` in a connection string: the server's certificate is not matched to the host name.`,
        state: { start: m.valueStart, end: m.valueEnd, secure: secureOf(m.value) },
      });
    }
  },
  fix(_file, r) {
    const { start, end, secure } = r.state;
    return {
      title: `Check the host name (\`${secure}\`)`,
      safety: 'unsafe',
      edits: [{ start, end, newText: secure }],
    };
  },
  examples: {
    python: {
      bad: `
        from pymongo import MongoClient
        client = MongoClient("mongodb://db.example.com/?tls=true&tlsAllowInvalidHostnames=true")
      `,
      good: `
        from pymongo import MongoClient
        client = MongoClient("mongodb://db.example.com/?tls=true")
      `,
    },
  },
});
