import type { Node } from 'web-tree-sitter';
import { constantOf } from '../../engine/languages/python';
import { defineDetector } from '../../engine/detector';
import { disablingValue } from './support/conditional';
import { pycurlOption } from './support/pycurl';

export const detector = defineDetector<{ value: Node }>({
  id: 'python.pycurl-ssl-verifypeer',
  summary: 'pycurl handles with `setopt(pycurl.SSL_VERIFYPEER, 0)`.',
  docs: `
    pycurl handles with \`setopt(pycurl.SSL_VERIFYPEER, 0)\`: libcurl then accepts any server certificate.
  `,
  rule: 'cert-verification-disabled',
  languages: ['python'],
  apis: ['pycurl.Curl.setopt', 'pycurl.SSL_VERIFYPEER', 'pycurl.PROXY_SSL_VERIFYPEER'],
  tokens: ['VERIFYPEER'],
  fixAvailability: 'always',
  detect(file, report) {
    for (const call of file.nodes('call')) {
      const opt = pycurlOption(file, call);
      if (!opt || (opt.option !== 'SSL_VERIFYPEER' && opt.option !== 'PROXY_SSL_VERIFYPEER')) continue;
      const value = disablingValue(file, opt.value);
      if (!value) continue;
      // A conditional's branch is reported where it is written, so that its condition reads as the opt-in flag.
      report({
        node: value === opt.value ? call : value,
        message: `\`setopt(${opt.option}, ${opt.value.text})\`: libcurl accepts any certificate from the ${opt.option.startsWith('PROXY') ? 'proxy' : 'server'}.`,
        state: { value },
      });
    }
  },
  fix(file, r) {
    const value = r.state.value;
    const newText = constantOf(file, value)?.type === 'false' ? 'True' : '1';
    return {
      title: `Verify the peer (\`${newText}\`)`,
      // A conditional's branch: the other branch says the caller chose; the change needs review.
      safety: value.parent?.type === 'conditional_expression' ? 'unsafe' : 'safe',
      edits: [{ start: value.startIndex, end: value.endIndex, newText }],
    };
  },
  examples: {
    python: {
      bad: `
        import pycurl
        c = pycurl.Curl()
        c.setopt(pycurl.SSL_VERIFYPEER, 0)
      `,
      good: `
        import pycurl
        c = pycurl.Curl()
        c.setopt(pycurl.SSL_VERIFYPEER, 1)
      `,
    },
  },
});
