import type { Node } from 'web-tree-sitter';
import { intValue, plainName, resolve } from '../../engine/languages/php';
import { defineDetector } from '../../engine/detector';
import {
  LEGACY_SSLVERSIONS,
  LEGACY_SSLVERSION_MAX,
  SSLVERSION_OPTIONS,
  curlopt,
  sslVersionLabel,
} from '../../engine/curl';
import { curlOptionUses, optionValues } from './support/options';
import { callerFlag, optIn } from './support/intent';

const OPTIONS = curlopt(SSLVERSION_OPTIONS);
const LEGACY = Object.fromEntries(LEGACY_SSLVERSIONS.map((v) => [v.name, sslVersionLabel(v)]));
const NUMBERS = Object.fromEntries(LEGACY_SSLVERSIONS.map((v) => [v.value, v.label]));
const MAX = LEGACY_SSLVERSION_MAX;

function operands(n: Node): Node[] {
  if (n.type === 'binary_expression' && n.childForFieldName('operator')?.text === '|')
    return [...operands(n.childForFieldName('left')!), ...operands(n.childForFieldName('right')!)];
  if (n.type === 'parenthesized_expression' && n.namedChildCount === 1) return operands(n.namedChildren[0]);
  return [n];
}

export const detector = defineDetector<{ node: Node; text: string }>({
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
    for (const use of curlOptionUses(file, OPTIONS)) {
      for (const { value: branch } of optionValues(file, use)) {
        const ops = operands(branch);
        for (const op of ops) {
          const name = plainName(resolve(file, op));
          const n = ops.length === 1 ? intValue(file, op) : undefined;
          if (name && LEGACY[name]) {
            report({
              node: op,
              ...optIn(callerFlag(op, true)),
              message: `\`${use.option}\` allows ${LEGACY[name]}: TLS 1.2 is the minimum.`,
              state: { node: op, text: 'CURL_SSLVERSION_TLSv1_2' },
            });
          } else if (n !== undefined && NUMBERS[n]) {
            report({
              node: op,
              ...optIn(callerFlag(op, true)),
              message: `\`${use.option}\` is set to ${n} (${NUMBERS[n]}): TLS 1.2 is the minimum.`,
              state: { node: op, text: 'CURL_SSLVERSION_TLSv1_2' },
            });
          } else if (name && MAX.includes(name)) {
            report({
              node: op,
              ...optIn(callerFlag(op, true)),
              message: `\`${use.option}\` caps the protocol below TLS 1.2.`,
              state: { node: op, text: 'CURL_SSLVERSION_MAX_DEFAULT' },
            });
          }
        }
      }
    }
  },
  fix(_file, r) {
    const s = r.state;
    return {
      title: `Use \`${s.text}\``,
      safety: 'safe',
      edits: [{ start: s.node.startIndex, end: s.node.endIndex, newText: s.text }],
    };
  },
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
