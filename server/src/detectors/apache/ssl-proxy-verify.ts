import { confModel, type ConfToken } from '../../engine/languages/conf';
import { defineDetector } from '../../engine/detector';

export const detector = defineDetector<{ value: ConfToken; newValue?: string }>({
  id: 'apache.ssl-proxy-verify',
  summary: 'Apache mod_ssl told not to verify certificates.',
  docs: `
    Apache mod_ssl told not to verify certificates: \`SSLProxyVerify none\` (backends) and
    \`SSLVerifyClient optional_no_ca\` (client certificates accepted without a trusted CA).
  `,
  rule: 'cert-verification-disabled',
  languages: ['apache'],
  apis: ['SSLProxyVerify', 'SSLVerifyClient', 'SSLProxyVerify none'],
  tokens: ['Verify', 'verify', 'VERIFY'],
  fixAvailability: 'sometimes',
  detect(file, report) {
    for (const d of confModel(file).directives) {
      const v = d.args[0];
      if (!v) continue;
      if (/^SSLProxyVerify$/i.test(d.name) && /^(none|optional_no_ca)$/i.test(v.value)) {
        report({
          range: { start: d.start, end: v.end },
          message: `\`SSLProxyVerify ${v.value}\`: the backend's certificate is not verified.`,
          state: { value: v, newValue: 'require' },
        });
      } else if (/^SSLVerifyClient$/i.test(d.name) && /^optional_no_ca$/i.test(v.value)) {
        report({
          range: { start: d.start, end: v.end },
          message: '`SSLVerifyClient optional_no_ca` accepts client certificates that no trusted CA issued.',
          state: { value: v },
        });
      }
    }
  },
  fix(_file, r) {
    const { value, newValue } = r.state;
    if (!newValue) return undefined;
    // Verification needs SSLProxyCACertificateFile or the system store to be right: review.
    return {
      title: `Verify the backend certificate (\`SSLProxyVerify ${newValue}\`)`,
      safety: 'unsafe',
      edits: [{ start: value.start, end: value.end, newText: newValue }],
    };
  },
  examples: {
    apache: {
      bad: `
        <VirtualHost *:443>
            SSLProxyEngine on
            SSLProxyVerify none
        </VirtualHost>
      `,
      good: `
        <VirtualHost *:443>
            SSLProxyEngine on
            SSLProxyVerify require
        </VirtualHost>
      `,
    },
  },
});
