import type { Node } from 'web-tree-sitter';
import { insecureBooleanMembers } from '../../engine/languages/javascript';
import { defineDetector } from '../../engine/detector';

const OPTIONS = new Map([
  ['tlsAllowInvalidHostnames', true],
  ['sslAllowInvalidHostnames', true],
]);

interface State {
  value: Node;
  literal: boolean;
}

export const detector = defineDetector<State>({
  id: 'javascript.mongodb-tls-invalid-hostnames',
  summary: 'MongoDB driver / mongoose `tlsAllowInvalidHostnames: true`.',
  docs: `
    MongoDB driver / mongoose \`tlsAllowInvalidHostnames: true\`: the certificate chain is checked but not
    matched to the host.
  `,
  rule: 'hostname-verification-disabled',
  languages: ['javascript', 'typescript', 'tsx'],
  apis: ['mongodb.MongoClient', 'mongoose.connect', 'mongoose.createConnection'],
  tokens: [...OPTIONS.keys()],
  fixAvailability: 'always',
  detect(file, report) {
    for (const hit of insecureBooleanMembers(file, OPTIONS)) {
      report({
        node: hit.member,
        message: `${hit.api ? `\`${hit.api}\` option ` : ''}\`${hit.name}: true\` accepts a certificate issued for any host name.`,
        state: { value: hit.value, literal: hit.literal },
      });
    }
  },
  fix(_file, r) {
    const { value, literal } = r.state;
    return {
      title: 'Check host names (`false`)',
      safety: literal ? 'safe' : 'unsafe',
      edits: [{ start: value.startIndex, end: value.endIndex, newText: 'false' }],
    };
  },
  examples: {
    javascript: {
      bad: `
        const mongoose = require('mongoose');
        mongoose.connect(uri, { tls: true, tlsAllowInvalidHostnames: true });
      `,
      good: `
        const mongoose = require('mongoose');
        mongoose.connect(uri, { tls: true });
      `,
    },
  },
});
