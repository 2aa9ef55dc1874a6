import { describeWeakness } from '../../engine/ciphers';
import { weakCipherSettings } from '../../engine/languages/conf';
import { defineDetector } from '../../engine/detector';

export const detector = defineDetector({
  id: 'haproxy.ciphers',
  summary: 'HAProxy cipher lists (ssl-default-bind-ciphers, bind/server ciphers) that enable weak suites.',
  docs: `
    HAProxy \`ssl-default-bind-ciphers\`, \`ssl-default-server-ciphers\` and the \`ciphers\` option of \`bind\` and \`server\` lines that enable weak suites (3DES, RC4, anonymous, EXPORT...). The string is evaluated the way OpenSSL evaluates it; a value taken from a variable is not.
  `,
  rule: 'weak-cipher',
  languages: ['haproxy'],
  apis: ['ssl-default-bind-ciphers', 'ssl-default-server-ciphers', 'bind ciphers', 'server ciphers'],
  tokens: ['ciphers'],
  fixAvailability: 'none',
  detect(file, report) {
    for (const s of weakCipherSettings(file, /^ssl-default-(bind|server)-ciphers$/, 'ciphers')) {
      report({
        range: { start: s.value.start, end: s.value.end },
        message: `\`${s.name}\` enables weak suites (${describeWeakness(s.reasons)}).`,
      });
    }
  },
  examples: {
    haproxy: {
      bad: `
        global
            ssl-default-bind-ciphers ECDHE-RSA-AES128-GCM-SHA256:RC4-SHA
        frontend web
            bind :443 ssl crt /etc/ssl/site.pem
      `,
      good: `
        global
            ssl-default-bind-ciphers ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384
        frontend web
            bind :443 ssl crt /etc/ssl/site.pem
      `,
    },
  },
});
