import type { Node } from 'web-tree-sitter';
import { curlOptionWrites, unwrap } from '../../engine/languages/javascript';
import { defineDetector } from '../../engine/detector';

interface State {
  value: Node;
}

export const detector = defineDetector<State>({
  id: 'javascript.curl-ssl-verifyhost',
  summary: 'node-libcurl / node-curl `SSL_VERIFYHOST` set to 0 (or 1, which old libcurl treated as "exists" only).',
  docs: `
    node-libcurl / node-curl \`SSL_VERIFYHOST\` set to 0 (or 1, which old libcurl treated as "exists" only):
    the certificate is not matched to the host name.
  `,
  rule: 'hostname-verification-disabled',
  languages: ['javascript', 'typescript', 'tsx'],
  apis: ['node-libcurl.Curl.setOpt', 'node-libcurl.curly', 'node-curl'],
  tokens: ['SSL_VERIFYHOST'],
  fixAvailability: 'always',
  detect(file, report) {
    for (const w of curlOptionWrites(file, 'SSL_VERIFYHOST')) {
      const v = unwrap(w.value);
      if (!v || !((v.type === 'number' && Number(v.text) === 0) || v.type === 'false')) continue;
      report({
        node: w.node,
        message: `libcurl's \`SSL_VERIFYHOST\` is set to ${v.text}: the certificate is not matched to the host name.`,
        state: { value: v },
      });
    }
  },
  fix(_file, r) {
    const { value } = r.state;
    return {
      title: 'Check the host name (`SSL_VERIFYHOST` = 2)',
      safety: 'safe',
      edits: [{ start: value.startIndex, end: value.endIndex, newText: '2' }],
    };
  },
  examples: {
    javascript: {
      bad: `
        const { Curl } = require('node-libcurl');
        const curl = new Curl();
        curl.setOpt(Curl.option.SSL_VERIFYHOST, 0);
      `,
      good: `
        const { Curl } = require('node-libcurl');
        const curl = new Curl();
        curl.setOpt(Curl.option.SSL_VERIFYHOST, 2);
      `,
    },
  },
});
