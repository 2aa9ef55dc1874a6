import { CODE_LANGUAGES } from '../../engine/cmdline';
import { defineDetector } from '../../engine/detector';
import type { Range } from '../../engine/types';
import { connectionOptions, isFalseWord, isTrueWord, normalKey } from './support/options';

/** What each option does when it turns verification off. */
const WHAT: Record<string, string> = {
  trustservercertificate: "the server's certificate is trusted without validation",
  verifyservercertificate: "the server's certificate is not verified",
  sslfactory: 'every server certificate is accepted (NonValidatingFactory)',
  tlsallowinvalidcertificates: 'an invalid server certificate is accepted',
  sslallowinvalidcertificates: 'an invalid server certificate is accepted',
  tlsinsecure: 'the certificate and its host name are not verified',
};

export const detector = defineDetector<{ value: Range; text: string } | undefined>({
  id: 'connstr.trust-any-certificate',
  summary:
    'Connection strings and URIs (JDBC, ADO.NET, MongoDB) whose options accept the server certificate without verification.',
  docs: `
    Database connection strings and URIs written as text (in a string literal, a YAML value or a .env
    file) whose options accept the server's certificate without verifying it: SQL Server
    (Microsoft.Data.SqlClient, ODBC, the Microsoft JDBC driver) \`TrustServerCertificate=true\`, Npgsql's
    \`Trust Server Certificate=true\`, MySQL Connector/J \`verifyServerCertificate=false\`, PostgreSQL JDBC
    \`sslfactory=org.postgresql.ssl.NonValidatingFactory\`, and MongoDB URIs' \`tlsAllowInvalidCertificates=true\`,
    \`sslAllowInvalidCertificates=true\` and \`tlsInsecure=true\`. The same words in a comment are not reported.
  `,
  rule: 'cert-verification-disabled',
  languages: [...CODE_LANGUAGES, 'yaml', 'dotenv'],
  apis: [
    'SqlClient connection string TrustServerCertificate',
    'mssql-jdbc trustServerCertificate',
    'Npgsql Trust Server Certificate',
    'MySQL Connector/J verifyServerCertificate',
    'pgjdbc sslfactory=org.postgresql.ssl.NonValidatingFactory',
    'MongoDB URI tlsAllowInvalidCertificates / tlsInsecure',
  ],
  tokens: [
    'rustServerCertificate',
    'rust Server Certificate',
    'rust_server_certificate',
    'RUSTSERVERCERTIFICATE',
    'erifyServerCertificate',
    'NonValidatingFactory',
    'AllowInvalidCertificates',
    'tlsInsecure',
  ],
  fixAvailability: 'sometimes',
  detect(file, report) {
    for (const o of connectionOptions(file)) {
      const key = normalKey(o.key);
      const what = WHAT[key];
      if (!what) continue;
      let secure: string | undefined;
      if (key === 'verifyservercertificate') {
        if (!isFalseWord(o.value)) continue;
        secure = /^[A-Z]/.test(o.value) ? 'True' : 'true';
      } else if (key === 'sslfactory') {
        if (!/(^|\.)NonValidatingFactory$/.test(o.value)) continue;
      } else {
        if (!isTrueWord(o.value)) continue;
        secure = /^[A-Z]/.test(o.value) ? 'False' : o.value === '1' ? '0' : /^yes$/i.test(o.value) ? 'no' : 'false';
      }
      report({
        range: o.range,
        message: `\`${o.key}=${o.value}\` in a connection string: ${what}.`,
        state: secure ? { value: o.valueRange, text: secure } : undefined,
      });
    }
  },
  fix(_file, r) {
    const s = r.state;
    if (!s) return undefined;
    return {
      title: `Verify the certificate (\`${s.text}\`)`,
      safety: 'safe',
      edits: [{ ...s.value, newText: s.text }],
    };
  },
  examples: {
    csharp: {
      // tlslint-disable-next-line cert-verification-disabled -- this detector's own example
      bad: `class Db { const string Conn = "Server=db.example.com;Database=app;Encrypt=True;TrustServerCertificate=True"; }`,
      good: `
        class Db { const string Conn = "Server=db.example.com;Database=app;Encrypt=True"; }
      `,
    },
  },
});
