import type { Node } from 'web-tree-sitter';
import { isFalsy } from '../../engine/languages/php';
import { defineDetector } from '../../engine/detector';
import { VERIFY_PEER_OPTIONS, curlopt } from '../../engine/curl';
import { curlOptionUses, optionValues } from './support/options';
import { callerFlag, optIn } from './support/intent';

const OPTIONS = curlopt(VERIFY_PEER_OPTIONS);

export const detector = defineDetector<{ value: Node }>({
  id: 'php.curl-verifypeer',
  summary: 'curl peer verification turned off.',
  docs: `
    curl peer verification turned off: \`curl_setopt($ch, CURLOPT_SSL_VERIFYPEER, false)\` (or 0), the proxy
    variant, \`CURLOPT_SSL_VERIFYPEER => false\` in \`curl_setopt_array\`, Guzzle's \`'curl'\` or any options
    array, \`$conf[CURLOPT_SSL_VERIFYPEER] = false\` on an array built up before it is handed over, and a
    ternary or \`match\` whose branch is false.
  `,
  rule: 'cert-verification-disabled',
  languages: ['php'],
  apis: ['curl_setopt(CURLOPT_SSL_VERIFYPEER)', 'curl_setopt_array', 'CURLOPT_PROXY_SSL_VERIFYPEER'],
  tokens: ['VERIFYPEER'],
  fixAvailability: 'always',
  detect(file, report) {
    for (const use of curlOptionUses(file, OPTIONS)) {
      for (const { value, at: node } of optionValues(file, use)) {
        if (!isFalsy(file, value)) continue;
        report({
          node,
          message: `\`${use.option}\` is set to ${value.text}: curl does not verify the server's certificate.`,
          state: { value },
          ...optIn(callerFlag(node, false)),
        });
      }
    }
  },
  fix(_file, r) {
    const v = r.state.value;
    return {
      title: "Verify the server's certificate (`true`)",
      safety: 'safe',
      edits: [{ start: v.startIndex, end: v.endIndex, newText: 'true' }],
    };
  },
  examples: {
    php: {
      bad: `
        <?php
        $ch = curl_init("https://example.com");
        curl_setopt($ch, CURLOPT_SSL_VERIFYPEER, false);
      `,
      good: `
        <?php
        $ch = curl_init("https://example.com");
        curl_setopt($ch, CURLOPT_SSL_VERIFYPEER, true);
      `,
    },
  },
});
