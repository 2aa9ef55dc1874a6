import { curlCheckFix, reportCurlCheck, type CurlCheckState } from '../../engine/curl';
import { defineDetector } from '../../engine/detector';
import { curlCheckSettings } from './support/pycurl';

export const detector = defineDetector<CurlCheckState>({
  id: 'python.pycurl-ssl-verifyhost',
  summary: 'pycurl handles with `setopt(pycurl.SSL_VERIFYHOST, 0)`.',
  docs: `
    pycurl handles with \`setopt(pycurl.SSL_VERIFYHOST, 0)\`: libcurl then does not match the certificate to the host.
  `,
  rule: 'hostname-verification-disabled',
  languages: ['python'],
  apis: ['pycurl.Curl.setopt', 'pycurl.SSL_VERIFYHOST', 'pycurl.PROXY_SSL_VERIFYHOST'],
  tokens: ['VERIFYHOST'],
  fixAvailability: 'always',
  detect(file, report) {
    reportCurlCheck('host', curlCheckSettings(file, 'host'), report);
  },
  fix: (_file, r) => curlCheckFix(r.state),
  examples: {
    python: {
      bad: `
        import pycurl
        c = pycurl.Curl()
        c.setopt(pycurl.SSL_VERIFYHOST, 0)
      `,
      good: `
        import pycurl
        c = pycurl.Curl()
        c.setopt(pycurl.SSL_VERIFYHOST, 2)
      `,
    },
  },
});
