import type { Node } from 'web-tree-sitter';
import { intValue } from '../../engine/languages/php';
import { defineDetector } from '../../engine/detector';
import { VERIFY_HOST_OPTIONS, curlopt } from '../../engine/curl';
import { curlOptionUses, optionValues } from './support/options';
import { callerFlag, optIn } from './support/intent';

const OPTIONS = curlopt(VERIFY_HOST_OPTIONS);

export const detector = defineDetector<{ value: Node }>({
  id: 'php.curl-verifyhost',
  summary: 'curl host name verification turned off.',
  docs: `
    curl host name verification turned off: \`CURLOPT_SSL_VERIFYHOST\` set to 0/false, or to 1/true (which
    old libcurl took as "any name"), in a call, an options array, \`$conf[CURLOPT_SSL_VERIFYHOST] = 0\` or a
    ternary branch (\`$verify ? 2 : 0\`); 2 is the secure value.
  `,
  rule: 'hostname-verification-disabled',
  languages: ['php'],
  apis: ['curl_setopt(CURLOPT_SSL_VERIFYHOST)', 'curl_setopt_array', 'CURLOPT_PROXY_SSL_VERIFYHOST'],
  tokens: ['VERIFYHOST'],
  fixAvailability: 'always',
  detect(file, report) {
    for (const use of curlOptionUses(file, OPTIONS)) {
      for (const { value, at: node } of optionValues(file, use)) {
        const v = intValue(file, value);
        if (v !== 0 && v !== 1) continue;
        const message =
          v === 0
            ? `\`${use.option}\` is set to ${value.text}: curl does not check that the certificate matches the host name (2 is the secure value).`
            : `\`${use.option}\` is set to ${value.text}: libcurl before 7.28.1 only checked that the certificate has a name (2 is the secure value).`;
        report({ node, message, state: { value }, ...optIn(callerFlag(node, false)) });
      }
    }
  },
  fix(_file, r) {
    const v = r.state.value;
    return {
      title: 'Check the host name (`2`)',
      safety: 'safe',
      edits: [{ start: v.startIndex, end: v.endIndex, newText: '2' }],
    };
  },
  examples: {
    php: {
      bad: `
        <?php
        $ch = curl_init("https://example.com");
        curl_setopt($ch, CURLOPT_SSL_VERIFYHOST, 0);
      `,
      good: `
        <?php
        $ch = curl_init("https://example.com");
        curl_setopt($ch, CURLOPT_SSL_VERIFYHOST, 2);
      `,
    },
  },
});
