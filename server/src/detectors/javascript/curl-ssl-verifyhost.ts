import { curlCheckFix, reportCurlCheck, type CurlCheckState } from '../../engine/curl';
import { defineDetector } from '../../engine/detector';
import { curlCheckSettings } from './support/curl';

export const detector = defineDetector<CurlCheckState>({
  id: 'javascript.curl-ssl-verifyhost',
  summary: 'node-libcurl / node-curl `SSL_VERIFYHOST` set to 0 (or 1, which old libcurl treated as "exists" only).',
  docs: `
    node-libcurl / node-curl \`SSL_VERIFYHOST\` set to 0 (or 1, which old libcurl treated as "exists" only):
    the certificate is not matched to the host name.
  `,
  rule: 'hostname-verification-disabled',
  languages: ['javascript', 'typescript', 'tsx'],
  apis: ['node-libcurl.Curl.setOpt', 'node-libcurl.curly', 'node-curl'],
  tokens: ['SSL_VERIFYHOST'],
  fixAvailability: 'always',
  detect(file, report) {
    reportCurlCheck('host', curlCheckSettings(file, 'host'), report);
  },
  fix: (_file, r) => curlCheckFix(r.state),
  examples: {
    javascript: {
      bad: `
        const { Curl } = require('node-libcurl');
        const curl = new Curl();
        curl.setOpt(Curl.option.SSL_VERIFYHOST, 0);
      `,
      good: `
        const { Curl } = require('node-libcurl');
        const curl = new Curl();
        curl.setOpt(Curl.option.SSL_VERIFYHOST, 2);
      `,
    },
  },
});
