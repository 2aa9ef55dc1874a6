import type { Node } from 'web-tree-sitter';
import { flowsInto, isFalsyConstant, memberName, memberValue, unwrap } from '../../engine/languages/javascript';
import { defineDetector } from '../../engine/detector';

interface State {
  value: Node;
  literal: boolean;
}

export const detector = defineDetector<State>({
  id: 'javascript.request-strict-ssl',
  summary:
    '`strictSSL: false`, the `request` / `request-promise` / npm-registry-fetch / make-fetch-happen option that turns certificate verification off.',
  docs: `
    \`strictSSL: false\`, the \`request\` / \`request-promise\` / npm-registry-fetch / make-fetch-happen option
    that turns certificate verification off.
  `,
  rule: 'cert-verification-disabled',
  languages: ['javascript', 'typescript', 'tsx'],
  apis: ['request', 'request.defaults', 'request-promise', 'npm-registry-fetch', 'make-fetch-happen'],
  tokens: ['strictSSL'],
  fixAvailability: 'always',
  detect(file, report) {
    for (const member of file.nodes('pair')) {
      if (member.parent?.type !== 'object' || memberName(member) !== 'strictSSL') continue;
      const value = memberValue(member);
      if (!value || !isFalsyConstant(file, value)) continue;
      const api = flowsInto(file, member.parent)?.shown;
      report({
        node: member,
        message: `${api ? `\`${api}\` option ` : ''}\`strictSSL: false\` turns off certificate verification: any server certificate is accepted.`,
        state: { value, literal: unwrap(value)?.type !== 'identifier' },
      });
    }
  },
  fix(_file, r) {
    const { value, literal } = r.state;
    return {
      title: 'Verify certificates (`strictSSL: true`)',
      safety: literal ? 'safe' : 'unsafe',
      edits: [{ start: value.startIndex, end: value.endIndex, newText: 'true' }],
    };
  },
  examples: {
    javascript: {
      bad: `
        const request = require('request');
        request({ url: 'https://example.com', strictSSL: false }, cb);
      `,
      good: `
        const request = require('request');
        request({ url: 'https://example.com', strictSSL: true }, cb);
      `,
    },
  },
});
