// node-libcurl / node-curl `SSL_VERIFYHOST` set to 0 (or 1, which old libcurl treated as "exists" only):
// the certificate is not matched to the host name.
import type { Node } from 'web-tree-sitter';
import { curlOptionWrites, unwrap } from '../../engine/languages/javascript';
import { defineDetector } from '../../engine/detector';

interface State {
  value: Node;
}

export const detector = defineDetector<State>({
  id: 'javascript.curl-ssl-verifyhost',
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
    bad: "const { Curl } = require('node-libcurl');\nconst curl = new Curl();\ncurl.setOpt(Curl.option.SSL_VERIFYHOST, 0);\n",
    good: "const { Curl } = require('node-libcurl');\nconst curl = new Curl();\ncurl.setOpt(Curl.option.SSL_VERIFYHOST, 2);\n",
  },
});
