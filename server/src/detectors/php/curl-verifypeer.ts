import type { Node } from 'web-tree-sitter';
import { isFalsy } from '../../engine/languages/php';
import { defineDetector } from '../../engine/detector';
import { VERIFY_PEER_OPTIONS, curlopt } from '../../engine/curl';
import { curlOptionUses } from './curl-options';

const OPTIONS = curlopt(VERIFY_PEER_OPTIONS);

export const detector = defineDetector<{ value: Node }>({
  id: 'php.curl-verifypeer',
  summary: 'curl peer verification turned off.',
  docs: `
    curl peer verification turned off: \`curl_setopt($ch, CURLOPT_SSL_VERIFYPEER, false)\` (or 0), the proxy
    variant, and \`CURLOPT_SSL_VERIFYPEER => false\` in \`curl_setopt_array\` or Guzzle's \`'curl'\` options.
  `,
  rule: 'cert-verification-disabled',
  languages: ['php'],
  apis: ['curl_setopt(CURLOPT_SSL_VERIFYPEER)', 'curl_setopt_array', 'CURLOPT_PROXY_SSL_VERIFYPEER'],
  tokens: ['VERIFYPEER'],
  fixAvailability: 'always',
  detect(file, report) {
    for (const use of curlOptionUses(file, OPTIONS)) {
      if (isFalsy(file, use.value)) {
        report({
          node: use.at,
          message: `\`${use.option}\` is set to ${use.value.text}: curl does not verify the server's certificate.`,
          state: { value: use.value },
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
