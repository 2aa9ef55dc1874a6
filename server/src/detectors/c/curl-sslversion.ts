import type { Node } from 'web-tree-sitter';
import { intValue, orOperands, valueText } from '../../engine/languages/c';
import { branches, curlOptionSets, selectingCondition } from './support/options';
import { defineDetector } from '../../engine/detector';
import {
  LEGACY_SSLVERSIONS,
  LEGACY_SSLVERSION_MAX,
  SSLVERSION_OPTIONS,
  curlopt,
  sslVersionLabel,
} from '../../engine/curl';

const OPTIONS = curlopt(SSLVERSION_OPTIONS);
const LEGACY_MIN = LEGACY_SSLVERSIONS.map((v) => v.name);
const LEGACY_MAX = LEGACY_SSLVERSION_MAX;
const LEGACY_NUMBERS = LEGACY_SSLVERSIONS.map((v) => v.value);

export const detector = defineDetector<{ node: Node; text: string }>({
  id: 'c.curl-sslversion',
  summary: 'libcurl forced to, or floored at, a legacy protocol.',
  docs: `
    libcurl forced to, or floored at, a legacy protocol: \`CURLOPT_SSLVERSION\` with SSLv2, SSLv3,
    TLSv1 (= "1.0 or later"), TLSv1_0 or TLSv1_1, or capped by \`CURL_SSLVERSION_MAX_TLSv1_0/1_1\`.
  `,
  rule: 'legacy-protocol',
  languages: ['c', 'cpp'],
  apis: ['curl_easy_setopt(CURLOPT_SSLVERSION)', 'CURLOPT_PROXY_SSLVERSION'],
  tokens: ['SSLVERSION'],
  fixAvailability: 'always',
  detect(file, report) {
    for (const { option: opt, value } of curlOptionSets(file, OPTIONS)) {
      for (const branch of branches(value)) {
        const ops = orOperands(branch);
        for (const op of ops) {
          const v = valueText(file, op);
          if (!v) continue;
          if (LEGACY_MIN.includes(v) || (LEGACY_NUMBERS.includes(intValue(v) ?? -1) && ops.length === 1)) {
            report({
              node: op,
              message: `\`${opt}\` allows ${describe(v)}: TLS 1.2 is the minimum.`,
              flag: selectingCondition(branch),
              state: { node: op, text: 'CURL_SSLVERSION_TLSv1_2' },
            });
          } else if (LEGACY_MAX.includes(v)) {
            report({
              node: op,
              message: `\`${opt}\` caps the protocol at ${v.endsWith('1_0') ? 'TLS 1.0' : 'TLS 1.1'}: TLS 1.2 is the minimum.`,
              flag: selectingCondition(branch),
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
    c: {
      bad: `
        #include <curl/curl.h>
        void f(CURL *h) { curl_easy_setopt(h, CURLOPT_SSLVERSION, CURL_SSLVERSION_TLSv1_0); }
      `,
      good: `
        #include <curl/curl.h>
        void f(CURL *h) { curl_easy_setopt(h, CURLOPT_SSLVERSION, CURL_SSLVERSION_TLSv1_2); }
      `,
    },
  },
});

function describe(v: string): string {
  const n = intValue(v);
  const version = LEGACY_SSLVERSIONS.find((x) => (n !== undefined ? x.value === n : x.name === v));
  return version ? sslVersionLabel(version) : v;
}
