import type { Node } from 'web-tree-sitter';
import { argValues, arrayPairs, callName, isFalsy, localValues, stringValue } from '../../engine/languages/php';
import type { SourceFile } from '../../engine/types';
import { defineDetector } from '../../engine/detector';

const FILTERS = ['https_ssl_verify', 'https_local_ssl_verify'];

/**
 * The false default of a verification filter that reaches `sslverify`: `apply_filters('https_local_ssl_verify',
 * false)` written in place or in a local assigned before (WordPress's loopback idiom): false unless a
 * site's filter changes it.
 */
function filteredFalse(file: SourceFile, value: Node): Node | undefined {
  const candidates = value.type === 'function_call_expression' ? [value] : (localValues(file, value) ?? []);
  for (const c of candidates) {
    if (c.type !== 'function_call_expression' || callName(c) !== 'apply_filters') continue;
    const a = argValues(c);
    const hook = stringValue(a[0]);
    if (hook && FILTERS.includes(hook) && a[1] && isFalsy(file, a[1]) && a[1].type !== 'null') return a[1];
  }
  return undefined;
}

export const detector = defineDetector<{ value: Node; text: string; unsafe?: boolean } | undefined>({
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
        continue;
      }
      const dflt = pair.name === 'sslverify' && pair.stringKey ? filteredFalse(file, pair.value) : undefined;
      if (dflt) {
        report({
          node: pair.el,
          message: `\`sslverify\` is \`${pair.value.text.length <= 60 ? pair.value.text : 'the filter'}\`, whose default is ${dflt.text}: WordPress does not verify the server's certificate unless a filter turns it on.`,
          // The default a site's filters receive changes too: review.
          state: { value: dflt, text: 'true', unsafe: true },
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
          safety: s.unsafe ? 'unsafe' : 'safe',
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
