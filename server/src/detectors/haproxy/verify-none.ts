import { confModel } from '../../engine/languages/conf';
import { defineDetector } from '../../engine/detector';

export const detector = defineDetector({
  id: 'haproxy.verify-none',
  summary: 'HAProxy servers whose certificates are not verified.',
  docs: `
    HAProxy servers whose certificates are not verified: \`verify none\` on server lines and
    \`ssl-server-verify none\` in the global section.
  `,
  rule: 'cert-verification-disabled',
  languages: ['haproxy'],
  apis: ['server ... verify none', 'default-server verify none', 'ssl-server-verify none'],
  tokens: ['verify'],
  fixAvailability: 'none',
  detect(file, report) {
    for (const d of confModel(file).directives) {
      if (d.name === 'ssl-server-verify' && d.args[0]?.value === 'none') {
        report({
          range: { start: d.start, end: d.args[0].end },
          message: '`ssl-server-verify none`: no backend certificate is verified.',
        });
        continue;
      }
      if (d.name !== 'server' && d.name !== 'default-server' && d.name !== 'server-template') continue;
      const i = d.args.findIndex((a, k) => a.value === 'verify' && d.args[k + 1]?.value === 'none');
      // `verify none` without `ssl` on the line does not use TLS at all; still flag only TLS servers.
      if (i >= 0 && (d.args.some((a) => a.value === 'ssl') || d.name === 'default-server')) {
        report({
          range: { start: d.args[i].start, end: d.args[i + 1].end },
          message: `\`${d.name} ... verify none\`: the backend's certificate is not verified.`,
        });
      }
    }
  },
  examples: {
    haproxy: {
      bad: `
        backend api
            server api1 10.0.0.5:443 ssl verify none
      `,
      good: `
        backend api
            server api1 10.0.0.5:443 ssl verify required ca-file /etc/ssl/certs/ca.pem
      `,
    },
  },
});
