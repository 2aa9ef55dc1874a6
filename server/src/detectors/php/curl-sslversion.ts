import type { Node } from 'web-tree-sitter';
import { intValue, plainName, resolve } from '../../engine/languages/php';
import { defineDetector } from '../../engine/detector';
import {
  SSLVERSION_OPTIONS,
  curlSslVersionFix,
  curlopt,
  reportCurlSslVersion,
  type CurlSslVersionSetting,
  type CurlSslVersionState,
} from '../../engine/curl';
import type { SourceFile } from '../../engine/types';
import { curlOptionUses, optionValues } from './support/options';
import { callerFlag } from './support/intent';

function operands(n: Node): Node[] {
  if (n.type === 'binary_expression' && n.childForFieldName('operator')?.text === '|')
    return [...operands(n.childForFieldName('left')!), ...operands(n.childForFieldName('right')!)];
  if (n.type === 'parenthesized_expression' && n.namedChildCount === 1) return operands(n.namedChildren[0]);
  return [n];
}

/**
 * The PHP adaptor of the shared protocol check (engine/curl.ts): each operand of each value the protocol
 * options may receive, with the caller's choice that selects it (\`match ($options['crypto_method'])\`).
 */
function sslVersionSettings(file: SourceFile): CurlSslVersionSetting[] {
  return curlOptionUses(file, curlopt(SSLVERSION_OPTIONS)).flatMap((use) =>
    optionValues(file, use).flatMap(({ value: branch }) => {
      const ops = operands(branch);
      return ops.map((op) => ({
        option: use.option,
        value: op,
        name: plainName(resolve(file, op)),
        number: ops.length === 1 ? intValue(file, op) : undefined,
        flag: callerFlag(op, true),
      }));
    }),
  );
}

export const detector = defineDetector<CurlSslVersionState>({
  id: 'php.curl-sslversion',
  summary: 'curl forced to, or floored at, a legacy protocol.',
  docs: `
    curl forced to, or floored at, a legacy protocol: \`CURLOPT_SSLVERSION\` with \`CURL_SSLVERSION_SSLv3\`,
    \`_TLSv1\` (1.0 or later), \`_TLSv1_0\`, \`_TLSv1_1\` (or their numbers), or capped with \`_MAX_TLSv1_0/1_1\`;
    also keyed into an options array (\`$conf[CURLOPT_SSLVERSION] = ...\`) and in \`match\` arms. A caller's
    choice translated into the same version (\`match ($options['crypto_method'])\`) is an opt-in path.
  `,
  rule: 'legacy-protocol',
  languages: ['php'],
  apis: ['curl_setopt(CURLOPT_SSLVERSION)', 'curl_setopt_array', 'CURLOPT_PROXY_SSLVERSION'],
  tokens: ['SSLVERSION'],
  fixAvailability: 'always',
  detect(file, report) {
    reportCurlSslVersion(sslVersionSettings(file), report);
  },
  fix: (_file, r) => curlSslVersionFix(r.state),
  examples: {
    php: {
      bad: `
        <?php
        $ch = curl_init("https://example.com");
        curl_setopt($ch, CURLOPT_SSLVERSION, CURL_SSLVERSION_TLSv1);
      `,
      good: `
        <?php
        $ch = curl_init("https://example.com");
        curl_setopt($ch, CURLOPT_SSLVERSION, CURL_SSLVERSION_TLSv1_2);
      `,
    },
  },
});
