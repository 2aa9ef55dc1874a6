import type { Node } from 'web-tree-sitter';
import { analyzeCipherString, describeWeakness, intermediateCiphersFix } from '../../engine/ciphers';
import { resolve, stringValue } from '../../engine/languages/php';
import { defineDetector } from '../../engine/detector';
import { contextOptionUses, curlOptionUses } from './support/options';

export const detector = defineDetector<{ node: Node } | undefined>({
  id: 'php.ssl-ciphers',
  summary: 'Weak cipher lists in PHP.',
  docs: `
    Weak cipher lists in PHP: \`'ciphers' => '...'\` in stream-context ssl options (and Symfony HttpClient),
    \`stream_context_set_option($ctx, 'ssl', 'ciphers', ...)\`, and curl's \`CURLOPT_SSL_CIPHER_LIST\`.
  `,
  rule: 'weak-cipher',
  languages: ['php'],
  apis: ['stream_context_create ssl.ciphers', 'stream_context_set_option', 'curl_setopt(CURLOPT_SSL_CIPHER_LIST)'],
  tokens: ['ciphers', 'CIPHER_LIST'],
  fixAvailability: 'sometimes',
  detect(file, report) {
    const uses = [
      ...contextOptionUses(file, ['ciphers']).map((u) => ({ ...u, what: '`ciphers`' })),
      ...curlOptionUses(file, ['CURLOPT_SSL_CIPHER_LIST', 'CURLOPT_PROXY_SSL_CIPHER_LIST']).map((u) => ({
        ...u,
        what: `\`${u.option}\``,
      })),
    ];
    for (const use of uses) {
      const v = resolve(file, use.value);
      const text = stringValue(v);
      if (!v || text === undefined) continue;
      const analysis = analyzeCipherString(text);
      if (analysis.reasons.length === 0) continue;
      report({
        node: use.at,
        message: `${use.what} enables weak cipher suites (${describeWeakness(analysis.reasons)}).`,
        state: v.id === use.value.id ? { node: v } : undefined,
      });
    }
  },
  fix(_file, r) {
    const n = r.state?.node;
    if (!n) return undefined;
    return intermediateCiphersFix(n, "'");
  },
  examples: {
    php: {
      bad: `
        <?php
        $ctx = stream_context_create(['ssl' => ['ciphers' => 'ALL']]);
      `,
      good: `
        <?php
        $ctx = stream_context_create(['ssl' => ['ciphers' => 'HIGH:!aNULL:!MD5']]);
      `,
    },
  },
});
