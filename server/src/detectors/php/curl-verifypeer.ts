import { curlCheckFix, reportCurlCheck, type CurlCheckState } from '../../engine/curl';
import { defineDetector } from '../../engine/detector';
import { curlCheckSettings } from './support/options';

export const detector = defineDetector<CurlCheckState>({
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
    reportCurlCheck('peer', curlCheckSettings(file, 'peer'), report);
  },
  fix: (_file, r) => curlCheckFix(r.state),
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
