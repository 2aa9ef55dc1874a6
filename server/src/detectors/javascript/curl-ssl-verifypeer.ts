import { curlCheckFix, reportCurlCheck, type CurlCheckState } from '../../engine/curl';
import { defineDetector } from '../../engine/detector';
import { curlCheckSettings } from './support/curl';

export const detector = defineDetector<CurlCheckState>({
  id: 'javascript.curl-ssl-verifypeer',
  summary: 'node-libcurl / node-curl `SSL_VERIFYPEER` set to 0 or false.',
  docs: `
    node-libcurl / node-curl \`SSL_VERIFYPEER\` set to 0 or false: libcurl stops verifying the peer's certificate.
  `,
  rule: 'cert-verification-disabled',
  languages: ['javascript', 'typescript', 'tsx'],
  apis: ['node-libcurl.Curl.setOpt', 'node-libcurl.curly', 'node-curl'],
  tokens: ['SSL_VERIFYPEER'],
  fixAvailability: 'always',
  detect(file, report) {
    reportCurlCheck('peer', curlCheckSettings(file, 'peer'), report);
  },
  fix: (_file, r) => curlCheckFix(r.state),
  examples: {
    javascript: {
      bad: `
        const { Curl } = require('node-libcurl');
        const curl = new Curl();
        curl.setOpt('SSL_VERIFYPEER', 0);
      `,
      good: `
        const { Curl } = require('node-libcurl');
        const curl = new Curl();
        curl.setOpt('SSL_VERIFYPEER', 1);
      `,
    },
  },
});
