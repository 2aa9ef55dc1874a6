import type { Node } from 'web-tree-sitter';
import { insecureBooleanMembers } from '../../engine/languages/javascript';
import { defineDetector } from '../../engine/detector';

const OPTIONS = new Map([['trustServerCertificate', true]]);

interface State {
  value: Node;
  literal: boolean;
}

export const detector = defineDetector<State>({
  id: 'javascript.sql-trust-server-certificate',
  summary: 'SQL Server driver options (tedious, mssql, Sequelize, TypeORM) that trust any server certificate.',
  docs: `
    SQL Server driver options that trust any server certificate: \`trustServerCertificate: true\` in the
    options of tedious's \`Connection\`, mssql's \`ConnectionPool\`/\`connect\`, Sequelize's and TypeORM's
    \`dialectOptions\`/\`options\`. The connection is encrypted, but the certificate is not validated.
  `,
  rule: 'cert-verification-disabled',
  languages: ['javascript', 'typescript', 'tsx'],
  apis: ['tedious.Connection', 'mssql.ConnectionPool', 'mssql.connect', 'sequelize.Sequelize', 'typeorm.DataSource'],
  tokens: [...OPTIONS.keys()],
  fixAvailability: 'always',
  detect(file, report) {
    for (const hit of insecureBooleanMembers(file, OPTIONS)) {
      report({
        node: hit.member,
        message: `${hit.api ? `\`${hit.api}\` option ` : ''}\`${hit.name}: true\` makes the SQL Server driver accept the server's certificate without validating it.`,
        state: { value: hit.value, literal: hit.literal },
      });
    }
  },
  fix(_file, r) {
    const { value, literal } = r.state;
    return {
      title: 'Validate the server certificate (`trustServerCertificate: false`)',
      safety: literal ? 'safe' : 'unsafe',
      edits: [{ start: value.startIndex, end: value.endIndex, newText: 'false' }],
    };
  },
  examples: {
    javascript: {
      bad: `
        const sql = require('mssql');
        sql.connect({ server: 'db.example.com', options: { encrypt: true, trustServerCertificate: true } });
      `,
      good: `
        const sql = require('mssql');
        sql.connect({ server: 'db.example.com', options: { encrypt: true, trustServerCertificate: false } });
      `,
    },
  },
});
