import { defineDetector } from '../../engine/detector';
import { dangerFix, reportDangerSwitches, type DangerState } from './support/flags';

export const detector = defineDetector<DangerState>({
  id: 'rust.danger-accept-invalid-hostnames',
  summary: 'Host name checks turned off.',
  docs: `
    Host name checks turned off: \`danger_accept_invalid_hostnames(true)\` (reqwest, also as \`tls_danger_accept_invalid_hostnames\`; native-tls) and the
    openssl crate's \`ConnectConfiguration::set_verify_hostname(false)\` / \`verify_hostname(false)\`, the curl
    crate's \`Easy::ssl_verify_host(false)\` / \`proxy_ssl_verify_host(false)\`. A verifier given a setting
    named for turning the check off is reported too: negated (\`ssl_verify_host(!danger_accept_invalid_hosts)\`)
    as the caller's opt-in, as is (\`proxy_ssl_verify_host(danger_accept_invalid_hosts)\`, the check off by
    default) as a finding.
  `,
  rule: 'hostname-verification-disabled',
  languages: ['rust'],
  apis: [
    'reqwest::ClientBuilder::danger_accept_invalid_hostnames',
    'reqwest::ClientBuilder::tls_danger_accept_invalid_hostnames',
    'native_tls::TlsConnectorBuilder::danger_accept_invalid_hostnames',
    'openssl::ssl::ConnectConfiguration::set_verify_hostname',
    'curl::easy::Easy::ssl_verify_host',
    'curl::easy::Easy::proxy_ssl_verify_host',
  ],
  tokens: ['accept_invalid_host', 'verify_hostname', 'DANGER_ACCEPT_INVALID_HOSTS', 'ssl_verify_host'],
  fixAvailability: 'always',
  detect(file, report) {
    reportDangerSwitches(
      file,
      {
        methods: [
          'danger_accept_invalid_hostnames',
          'tls_danger_accept_invalid_hostnames',
          'dangerous_accept_invalid_hostnames',
          'accept_invalid_hostnames',
          'danger_accept_invalid_hosts',
        ],
        flag: 'DANGER_ACCEPT_INVALID_HOSTS',
        accepts: (subject, whenever) =>
          `${subject} accepts a certificate for any host name${whenever ? ' whenever its argument is true' : ''}.`,
        verifiers: {
          methods: ['set_verify_hostname', 'verify_hostname', 'ssl_verify_host', 'proxy_ssl_verify_host'],
          check: 'the host name check',
        },
      },
      report,
    );
  },
  fix: (_file, r) => dangerFix(r.state, 'DANGER_ACCEPT_INVALID_HOSTS', (text) => `Check the host name (\`${text}\`)`),
  examples: {
    rust: {
      bad: `
        fn main() {
            let client = reqwest::Client::builder().danger_accept_invalid_hostnames(true).build();
        }
      `,
      good: `
        fn main() {
            let client = reqwest::Client::builder().danger_accept_invalid_hostnames(false).build();
        }
      `,
    },
  },
});
