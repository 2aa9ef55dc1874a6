import type { Node } from 'web-tree-sitter';
import { insecureBooleanMembers } from '../../engine/languages/javascript';
import { defineDetector } from '../../engine/detector';

const OPTIONS = new Map([
  ['tlsAllowInvalidCertificates', true],
  ['sslAllowInvalidCertificates', true],
  ['tlsInsecure', true],
  ['sslValidate', false],
]);

interface State {
  value: Node;
  secure: string;
  literal: boolean;
}

export const detector = defineDetector<State>({
  id: 'javascript.mongodb-tls-insecure',
  summary: 'MongoDB driver / mongoose options that accept any certificate.',
  docs: `
    MongoDB driver / mongoose options that accept any certificate: \`tlsAllowInvalidCertificates: true\`,
    \`tlsInsecure: true\`, and the legacy \`sslValidate: false\`.
  `,
  rule: 'cert-verification-disabled',
  languages: ['javascript', 'typescript', 'tsx'],
  apis: ['mongodb.MongoClient', 'mongodb.MongoClient.connect', 'mongoose.connect', 'mongoose.createConnection'],
  tokens: [...OPTIONS.keys()],
  fixAvailability: 'always',
  detect(file, report) {
    for (const hit of insecureBooleanMembers(file, OPTIONS)) {
      report({
        node: hit.member,
        message: `${hit.api ? `\`${hit.api}\` option ` : ''}\`${hit.name}: ${hit.insecure}\` makes the MongoDB driver accept any server certificate.`,
        state: { value: hit.value, secure: String(!hit.insecure), literal: hit.literal },
      });
    }
  },
  fix(_file, r) {
    const { value, secure, literal } = r.state;
    return {
      title: `Verify certificates (\`${secure}\`)`,
      safety: literal ? 'safe' : 'unsafe',
      edits: [{ start: value.startIndex, end: value.endIndex, newText: secure }],
    };
  },
  examples: {
    javascript: {
      bad: `
        const { MongoClient } = require('mongodb');
        new MongoClient(uri, { tls: true, tlsAllowInvalidCertificates: true });
      `,
      good: `
        const { MongoClient } = require('mongodb');
        new MongoClient(uri, { tls: true, tlsCAFile: '/etc/ssl/mongo-ca.pem' });
      `,
    },
  },
});
