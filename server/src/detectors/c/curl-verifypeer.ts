import { curlCheckFix, reportCurlCheck, type CurlCheckState } from '../../engine/curl';
import { defineDetector } from '../../engine/detector';
import { curlCheckSettings } from './support/options';

export const detector = defineDetector<CurlCheckState>({
  id: 'c.curl-verifypeer',
  summary: 'libcurl peer verification turned off.',
  docs: `
    libcurl peer verification turned off: \`curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 0L)\` (and the
    proxy and DoH variants, set directly, through a wrapper such as \`my_setopt_long(h, CURLOPT_SSL_VERIFYPEER, 0)\`,
    or as a branch of a ternary), and the same option through curlpp (\`SslVerifyPeer(false)\`) and cpr (\`VerifySsl{false}\`).
  `,
  rule: 'cert-verification-disabled',
  languages: ['c', 'cpp'],
  apis: [
    'curl_easy_setopt(CURLOPT_SSL_VERIFYPEER)',
    'CURLOPT_PROXY_SSL_VERIFYPEER',
    'curlpp::options::SslVerifyPeer',
    'cpr::VerifySsl',
  ],
  tokens: ['VERIFYPEER', 'SslVerifyPeer', 'VerifySsl'],
  fixAvailability: 'always',
  detect(file, report) {
    reportCurlCheck('peer', curlCheckSettings(file, 'peer'), report);
  },
  fix: (_file, r) => curlCheckFix(r.state),
  examples: {
    c: {
      bad: `
        #include <curl/curl.h>
        void f(CURL *h) { curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 0L); }
      `,
      good: `
        #include <curl/curl.h>
        void f(CURL *h) { curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L); }
      `,
    },
  },
});
