import { describeWeakness } from '../../engine/ciphers';
import { weakCipherSettings } from '../../engine/languages/conf';
import { defineDetector } from '../../engine/detector';

export const detector = defineDetector({
  id: 'apache.ssl-cipher-suite',
  summary: 'Apache SSLCipherSuite and SSLProxyCipherSuite that enable weak suites.',
  docs: `
    Apache \`SSLCipherSuite\` and \`SSLProxyCipherSuite\` that enable weak suites (3DES, RC4, anonymous, EXPORT...), also after a protocol name (\`SSLCipherSuite SSL ...\`). The string is evaluated the way OpenSSL evaluates it; a value taken from a variable is not.
  `,
  rule: 'weak-cipher',
  languages: ['apache'],
  apis: ['SSLCipherSuite', 'SSLProxyCipherSuite'],
  tokens: ['CipherSuite'],
  fixAvailability: 'none',
  detect(file, report) {
    for (const s of weakCipherSettings(file, /^SSL(Proxy)?CipherSuite$/i)) {
      report({
        range: { start: s.value.start, end: s.value.end },
        message: `\`${s.name}\` enables weak suites (${describeWeakness(s.reasons)}).`,
      });
    }
  },
  examples: {
    apache: {
      bad: `
        <VirtualHost *:443>
            SSLEngine on
            SSLCipherSuite HIGH:MEDIUM:!aNULL
        </VirtualHost>
      `,
      good: `
        <VirtualHost *:443>
            SSLEngine on
            SSLCipherSuite HIGH:!aNULL:!MD5
        </VirtualHost>
      `,
    },
  },
});
