import { curlCheckFix, reportCurlCheck, type CurlCheckState } from '../../engine/curl';
import { defineDetector } from '../../engine/detector';
import { curlCheckSettings } from './support/options';

export const detector = defineDetector<CurlCheckState>({
  id: 'php.curl-verifyhost',
  summary: 'curl host name verification turned off.',
  docs: `
    curl host name verification turned off: \`CURLOPT_SSL_VERIFYHOST\` set to 0/false, or to 1/true (which
    old libcurl took as "any name"), in a call, an options array, \`$conf[CURLOPT_SSL_VERIFYHOST] = 0\` or a
    ternary branch (\`$verify ? 2 : 0\`); 2 is the secure value.
  `,
  rule: 'hostname-verification-disabled',
  languages: ['php'],
  apis: ['curl_setopt(CURLOPT_SSL_VERIFYHOST)', 'curl_setopt_array', 'CURLOPT_PROXY_SSL_VERIFYHOST'],
  tokens: ['VERIFYHOST'],
  fixAvailability: 'always',
  detect(file, report) {
    reportCurlCheck('host', curlCheckSettings(file, 'host'), report);
  },
  fix: (_file, r) => curlCheckFix(r.state),
  examples: {
    php: {
      bad: `
        <?php
        $ch = curl_init("https://example.com");
        curl_setopt($ch, CURLOPT_SSL_VERIFYHOST, 0);
      `,
      good: `
        <?php
        $ch = curl_init("https://example.com");
        curl_setopt($ch, CURLOPT_SSL_VERIFYHOST, 2);
      `,
    },
  },
});
