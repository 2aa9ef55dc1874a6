import type { Node } from 'web-tree-sitter';
import { constantTruth, curlOptionWrites, unwrap } from '../../engine/languages/javascript';
import { defineDetector } from '../../engine/detector';

interface State {
  value: Node;
  replacement: string;
}

export const detector = defineDetector<State>({
  id: 'javascript.curl-ssl-verifypeer',
  summary: 'node-libcurl / node-curl `SSL_VERIFYPEER` set to 0 or false.',
  docs: `
    node-libcurl / node-curl \`SSL_VERIFYPEER\` set to 0 or false: libcurl stops verifying the peer's certificate.
  `,
  rule: 'cert-verification-disabled',
  languages: ['javascript', 'typescript', 'tsx'],
  apis: ['node-libcurl.Curl.setOpt', 'node-libcurl.curly', 'node-curl'],
  tokens: ['SSL_VERIFYPEER'],
  fixAvailability: 'always',
  detect(file, report) {
    for (const w of curlOptionWrites(file, 'SSL_VERIFYPEER')) {
      const v = unwrap(w.value);
      if (!v || (v.type !== 'number' && v.type !== 'false') || constantTruth(file, v) !== false) continue;
      report({
        node: w.node,
        message: `libcurl's \`SSL_VERIFYPEER\` is set to ${v.text}: the server's certificate is not verified.`,
        state: { value: v, replacement: v.type === 'false' ? 'true' : '1' },
      });
    }
  },
  fix(_file, r) {
    const { value, replacement } = r.state;
    return {
      title: `Verify the peer (\`SSL_VERIFYPEER\` = ${replacement})`,
      safety: 'safe',
      edits: [{ start: value.startIndex, end: value.endIndex, newText: replacement }],
    };
  },
  examples: {
    javascript: {
      bad: `
        const { Curl } = require('node-libcurl');
        const curl = new Curl();
        curl.setOpt('SSL_VERIFYPEER', 0);
      `,
      good: `
        const { Curl } = require('node-libcurl');
        const curl = new Curl();
        curl.setOpt('SSL_VERIFYPEER', 1);
      `,
    },
  },
});
