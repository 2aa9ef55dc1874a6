import { curlCheckFix, reportCurlCheck, type CurlCheckState } from '../../engine/curl';
import { defineDetector } from '../../engine/detector';
import { curlCheckSettings } from './support/pycurl';

export const detector = defineDetector<CurlCheckState>({
  id: 'python.pycurl-ssl-verifypeer',
  summary: 'pycurl handles with `setopt(pycurl.SSL_VERIFYPEER, 0)`.',
  docs: `
    pycurl handles with \`setopt(pycurl.SSL_VERIFYPEER, 0)\`: libcurl then accepts any server certificate.
  `,
  rule: 'cert-verification-disabled',
  languages: ['python'],
  apis: ['pycurl.Curl.setopt', 'pycurl.SSL_VERIFYPEER', 'pycurl.PROXY_SSL_VERIFYPEER'],
  tokens: ['VERIFYPEER'],
  fixAvailability: 'always',
  detect(file, report) {
    reportCurlCheck('peer', curlCheckSettings(file, 'peer'), report);
  },
  fix: (_file, r) => curlCheckFix(r.state),
  examples: {
    python: {
      bad: `
        import pycurl
        c = pycurl.Curl()
        c.setopt(pycurl.SSL_VERIFYPEER, 0)
      `,
      good: `
        import pycurl
        c = pycurl.Curl()
        c.setopt(pycurl.SSL_VERIFYPEER, 1)
      `,
    },
  },
});
