import type { SourceFile } from '../../engine/types';
import { intValue, orOperands, valueText } from '../../engine/languages/c';
import { branches, curlOptionSets, selectingCondition } from './support/options';
import { defineDetector } from '../../engine/detector';
import {
  SSLVERSION_OPTIONS,
  curlSslVersionFix,
  curlopt,
  reportCurlSslVersion,
  type CurlSslVersionSetting,
  type CurlSslVersionState,
} from '../../engine/curl';

/**
 * The C adaptor of the shared protocol check (engine/curl.ts): each operand of each branch of the value
 * of `CURLOPT_SSLVERSION` / `CURLOPT_PROXY_SSLVERSION` (`CURL_SSLVERSION_TLSv1_0 | CURL_SSLVERSION_MAX_TLSv1_1`).
 */
function sslVersionSettings(file: SourceFile): CurlSslVersionSetting[] {
  return curlOptionSets(file, curlopt(SSLVERSION_OPTIONS)).flatMap(({ option, value }) =>
    branches(value).flatMap((branch) => {
      const ops = orOperands(branch);
      return ops.map((op) => {
        const text = valueText(file, op);
        return {
          option,
          value: op,
          name: text,
          number: ops.length === 1 ? intValue(text) : undefined,
          flag: selectingCondition(branch),
        };
      });
    }),
  );
}

export const detector = defineDetector<CurlSslVersionState>({
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
    reportCurlSslVersion(sslVersionSettings(file), report);
  },
  fix: (_file, r) => curlSslVersionFix(r.state),
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
