import type { Node } from 'web-tree-sitter';
import { defineDetector } from '../../engine/detector';
import { disablingValue } from './support/conditional';
import { pycurlOption } from './support/pycurl';

export const detector = defineDetector<{ value: Node }>({
  id: 'python.pycurl-ssl-verifyhost',
  summary: 'pycurl handles with `setopt(pycurl.SSL_VERIFYHOST, 0)`.',
  docs: `
    pycurl handles with \`setopt(pycurl.SSL_VERIFYHOST, 0)\`: libcurl then does not match the certificate to the host.
  `,
  rule: 'hostname-verification-disabled',
  languages: ['python'],
  apis: ['pycurl.Curl.setopt', 'pycurl.SSL_VERIFYHOST', 'pycurl.PROXY_SSL_VERIFYHOST'],
  tokens: ['VERIFYHOST'],
  fixAvailability: 'always',
  detect(file, report) {
    for (const call of file.nodes('call')) {
      const opt = pycurlOption(file, call);
      if (!opt || (opt.option !== 'SSL_VERIFYHOST' && opt.option !== 'PROXY_SSL_VERIFYHOST')) continue;
      const value = disablingValue(file, opt.value);
      if (!value) continue;
      // A conditional's branch is reported where it is written, so that its condition reads as the opt-in flag.
      report({
        node: value === opt.value ? call : value,
        message: `\`setopt(${opt.option}, ${opt.value.text})\`: libcurl does not match the certificate to the host name.`,
        state: { value },
      });
    }
  },
  fix(_file, r) {
    const value = r.state.value;
    // 2 is libcurl's default and its only checking value (1 meant "the name exists" in old releases).
    return {
      title: 'Match the host name (`2`)',
      // A conditional's branch: the other branch says the caller chose; the change needs review.
      safety: value.parent?.type === 'conditional_expression' ? 'unsafe' : 'safe',
      edits: [{ start: value.startIndex, end: value.endIndex, newText: '2' }],
    };
  },
  examples: {
    python: {
      bad: `
        import pycurl
        c = pycurl.Curl()
        c.setopt(pycurl.SSL_VERIFYHOST, 0)
      `,
      good: `
        import pycurl
        c = pycurl.Curl()
        c.setopt(pycurl.SSL_VERIFYHOST, 2)
      `,
    },
  },
});
