import type { Node } from 'web-tree-sitter';
import { argValues, arrayPairs, callName, isFalsy, stringValue } from '../../engine/languages/php';
import { defineDetector } from '../../engine/detector';

const FILTERS = ['https_ssl_verify', 'https_local_ssl_verify'];

export const detector = defineDetector<{ value: Node; text: string } | undefined>({
  id: 'php.wordpress-sslverify',
  summary: `WordPress's HTTP API with verification off.`,
  docs: `
    WordPress's HTTP API with verification off: \`wp_remote_get($url, ['sslverify' => false])\` (and
    \`wp_remote_post\`, \`wp_safe_remote_request\`, \`WP_Http::request\`), and the global filters
    \`add_filter('https_ssl_verify', '__return_false')\` / \`'https_local_ssl_verify'\`.
  `,
  rule: 'cert-verification-disabled',
  languages: ['php'],
  apis: ['wp_remote_get', 'wp_remote_post', 'wp_remote_request', 'WP_Http::request', "add_filter('https_ssl_verify')"],
  tokens: ['sslverify', 'ssl_verify'],
  fixAvailability: 'sometimes',
  detect(file, report) {
    for (const pair of arrayPairs(file)) {
      if (pair.name === 'sslverify' && pair.stringKey && isFalsy(file, pair.value) && pair.value.type !== 'null') {
        report({
          node: pair.el,
          message: `\`sslverify\` is set to ${pair.value.text}: WordPress does not verify the server's certificate.`,
          state: { value: pair.value, text: 'true' },
        });
      }
    }
    for (const call of file.nodes('function_call_expression')) {
      if (callName(call) !== 'add_filter') continue;
      const a = argValues(call);
      const hook = stringValue(a[0]);
      if (!hook || !FILTERS.includes(hook) || !a[1]) continue;
      const cb = a[1];
      const returnsFalse =
        stringValue(cb) === '__return_false' ||
        ((cb.type === 'arrow_function' || cb.type === 'anonymous_function') &&
          /^(fn\s*\([^)]*\)\s*=>\s*false|function\s*\([^)]*\)\s*\{\s*return\s+false\s*;\s*\})$/i.test(cb.text.trim()));
      if (returnsFalse)
        report({
          node: call,
          message: `The \`${hook}\` filter returns false: WordPress stops verifying certificates for every request.`,
        });
    }
  },
  fix(_file, r) {
    const s = r.state;
    return s
      ? {
          title: 'Verify certificates (`true`)',
          safety: 'safe',
          edits: [{ start: s.value.startIndex, end: s.value.endIndex, newText: s.text }],
        }
      : undefined;
  },
  examples: {
    php: {
      bad: `
        <?php
        $response = wp_remote_get('https://example.com', ['sslverify' => false]);
      `,
      good: `
        <?php
        $response = wp_remote_get('https://example.com', ['sslverify' => true]);
      `,
    },
  },
});
