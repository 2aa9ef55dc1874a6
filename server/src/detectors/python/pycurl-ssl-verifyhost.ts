import type { Node } from 'web-tree-sitter';
import { isFalsy } from '../../engine/languages/python';
import { defineDetector } from '../../engine/detector';
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
      if (
        !opt ||
        (opt.option !== 'SSL_VERIFYHOST' && opt.option !== 'PROXY_SSL_VERIFYHOST') ||
        !isFalsy(file, opt.value)
      )
        continue;
      report({
        node: call,
        message: `\`setopt(${opt.option}, ${opt.value.text})\`: libcurl does not match the certificate to the host name.`,
        state: { value: opt.value },
      });
    }
  },
  fix(_file, r) {
    const value = r.state.value;
    // 2 is libcurl's default and its only checking value (1 meant "the name exists" in old releases).
    return {
      title: 'Match the host name (`2`)',
      safety: 'safe',
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
