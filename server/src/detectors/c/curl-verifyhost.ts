import { curlCheckFix, reportCurlCheck, type CurlCheckState } from '../../engine/curl';
import { defineDetector } from '../../engine/detector';
import { curlCheckSettings } from './support/options';

export const detector = defineDetector<CurlCheckState>({
  id: 'c.curl-verifyhost',
  summary: 'libcurl host name verification turned off.',
  docs: `
    libcurl host name verification turned off: \`CURLOPT_SSL_VERIFYHOST\` set to 0, or to 1 (which old
    libcurl treated as "check that a name exists" and 7.28.1+ rejects); 2 is the secure value.
  `,
  rule: 'hostname-verification-disabled',
  languages: ['c', 'cpp'],
  apis: ['curl_easy_setopt(CURLOPT_SSL_VERIFYHOST)', 'CURLOPT_PROXY_SSL_VERIFYHOST', 'curlpp::options::SslVerifyHost'],
  tokens: ['VERIFYHOST', 'SslVerifyHost'],
  fixAvailability: 'always',
  detect(file, report) {
    reportCurlCheck('host', curlCheckSettings(file, 'host'), report);
  },
  fix: (_file, r) => curlCheckFix(r.state),
  examples: {
    c: {
      bad: `
        #include <curl/curl.h>
        void f(CURL *h) { curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 0L); }
      `,
      good: `
        #include <curl/curl.h>
        void f(CURL *h) { curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L); }
      `,
    },
  },
});
