import type { Node } from 'web-tree-sitter';
import {
  flowsInto,
  memberName,
  memberValue,
  removeListItemRange,
  stringValue,
  unwrap,
} from '../../engine/languages/javascript';
import { defineDetector } from '../../engine/detector';

const SSLV23 = /^SSLv23(_client|_server)?_method$/;

interface State {
  member: Node;
  literal: boolean;
}

export const detector = defineDetector<State>({
  id: 'javascript.tls-sslv23-method',
  summary: "`secureProtocol: 'SSLv23_method'`.",
  docs: `
    \`secureProtocol: 'SSLv23_method'\`: OpenSSL's legacy name for "negotiate", which in Node also caps
    the connection at TLS 1.2. Node's defaults (\`TLS_method\`, TLS 1.2 to 1.3) are the modern form.
  `,
  rule: 'deprecated-api',
  languages: ['javascript', 'typescript', 'tsx'],
  apis: ['tls.connect', 'tls.createServer', 'tls.createSecureContext', 'https.Agent', 'https.request', 'request'],
  tokens: ['SSLv23'],
  fixAvailability: 'always',
  detect(file, report) {
    for (const member of file.nodes('pair')) {
      if (member.parent?.type !== 'object' || memberName(member) !== 'secureProtocol') continue;
      const value = memberValue(member);
      const s = value ? stringValue(file, value) : undefined;
      if (!value || s === undefined || !SSLV23.test(s)) continue;
      const api = flowsInto(file, member.parent)?.shown;
      report({
        node: unwrap(value) ?? value,
        message: `${api ? `\`${api}\` option ` : ''}\`secureProtocol: '${s}'\` is a deprecated method name; Node's defaults negotiate TLS 1.2 to 1.3.`,
        state: { member, literal: unwrap(value)?.type !== 'identifier' },
      });
    }
  },
  fix(file, r) {
    const { member, literal } = r.state;
    return {
      title: "Remove `secureProtocol` (use Node's default `TLS_method`)",
      safety: literal ? 'safe' : 'unsafe',
      edits: [{ ...removeListItemRange(file, member), newText: '' }],
    };
  },
  examples: {
    javascript: {
      bad: `
        const https = require('https');
        new https.Agent({ secureProtocol: 'SSLv23_method' });
      `,
      good: `
        const https = require('https');
        new https.Agent({ minVersion: 'TLSv1.2' });
      `,
    },
  },
});
