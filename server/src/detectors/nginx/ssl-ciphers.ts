import { describeWeakness } from '../../engine/ciphers';
import { weakCipherSettings } from '../../engine/languages/conf';
import { defineDetector } from '../../engine/detector';

export const detector = defineDetector({
  id: 'nginx.ssl-ciphers',
  summary: 'nginx ssl_ciphers (and proxy_/grpc_/uwsgi_ variants) that enable weak suites.',
  docs: `
    nginx \`ssl_ciphers\` (and the \`proxy_\`, \`grpc_\`, \`uwsgi_\` variants) that enable weak suites (3DES, RC4, anonymous, EXPORT...). The string is evaluated the way OpenSSL evaluates it; a value taken from a variable is not.
  `,
  rule: 'weak-cipher',
  languages: ['nginx'],
  apis: ['ssl_ciphers', 'proxy_ssl_ciphers', 'grpc_ssl_ciphers', 'uwsgi_ssl_ciphers'],
  tokens: ['ssl_ciphers'],
  fixAvailability: 'none',
  detect(file, report) {
    for (const s of weakCipherSettings(file, /^([a-z_]+_)?ssl_ciphers$/)) {
      report({
        range: { start: s.value.start, end: s.value.end },
        message: `\`${s.name}\` enables weak suites (${describeWeakness(s.reasons)}).`,
      });
    }
  },
  examples: {
    nginx: {
      bad: `
        server {
            listen 443 ssl;
            ssl_ciphers 'ECDHE-RSA-AES128-GCM-SHA256:DES-CBC3-SHA';
        }
      `,
      good: `
        server {
            listen 443 ssl;
            ssl_ciphers 'ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384';
        }
      `,
    },
  },
});
