import { defineDetector } from '../../engine/detector';
import { dangerFix, reportDangerSwitches, type DangerState } from './support/flags';

const METHODS = [
  'danger_accept_invalid_certs',
  // reqwest 0.12.x's current name; `danger_accept_invalid_certs` is its deprecated alias.
  'tls_danger_accept_invalid_certs',
  'dangerous_accept_invalid_certs',
  'insecure_accept_invalid_certs',
  'accept_invalid_certs',
  'disable_verification',
];

/** Fields of a TLS settings struct that switch verification off (`ConnectionAddr::TcpTls { insecure: true, .. }`). */
const FIELDS = [
  'insecure',
  'danger_accept_invalid_certs',
  'accept_invalid_certs',
  'insecure_skip_verify',
  'skip_verify',
];
/** The struct is a TLS setting when its path names TLS or SSL (`TcpTls`, `TlsConfig`, `tls::Options`). */
const TLS_STRUCT = /tls|ssl/i;

export const detector = defineDetector<DangerState>({
  id: 'rust.danger-accept-invalid-certs',
  summary:
    "`danger_accept_invalid_certs(true)` on reqwest's `ClientBuilder` (async and blocking), native-tls / tokio-native-tls `TlsConnector::builder()` and the crates that re-export them.",
  docs: `
    \`danger_accept_invalid_certs(true)\` (or reqwest's newer \`tls_danger_accept_invalid_certs(true)\`) on reqwest's \`ClientBuilder\` (async and blocking), native-tls /
    tokio-native-tls \`TlsConnector::builder()\` and the crates that re-export them; lettre's
    \`dangerous_accept_invalid_certs(true)\`, ureq's \`disable_verification(true)\`, and isahc's
    \`SslOption::DANGER_ACCEPT_INVALID_CERTS\`; the curl crate's \`Easy::ssl_verify_peer(false)\` /
    \`proxy_ssl_verify_peer(false)\` (given a setting named for turning verification off: negated, an opt-in;
    as is, verification is off by default and it is reported); and a TLS settings struct built with such a field set to
    true (redis-rs \`ConnectionAddr::TcpTls { insecure: true, .. }\`, \`TlsConfig { accept_invalid_certs: true }\`).
  `,
  rule: 'cert-verification-disabled',
  languages: ['rust'],
  apis: [
    'reqwest::ClientBuilder::danger_accept_invalid_certs',
    'reqwest::blocking::ClientBuilder::danger_accept_invalid_certs',
    'reqwest::ClientBuilder::tls_danger_accept_invalid_certs',
    'reqwest::blocking::ClientBuilder::tls_danger_accept_invalid_certs',
    'native_tls::TlsConnectorBuilder::danger_accept_invalid_certs',
    'curl::easy::Easy::ssl_verify_peer',
    'curl::easy::Easy::proxy_ssl_verify_peer',
  ],
  tokens: [
    'accept_invalid_certs',
    'disable_verification',
    'DANGER_ACCEPT_INVALID_CERTS',
    'insecure',
    'skip_verify',
    'ssl_verify_peer',
  ],
  fixAvailability: 'always',
  detect(file, report) {
    reportDangerSwitches(
      file,
      {
        methods: METHODS,
        flag: 'DANGER_ACCEPT_INVALID_CERTS',
        accepts: (subject, whenever) =>
          whenever
            ? `${subject} accepts any certificate whenever its argument is true: the server is then not authenticated.`
            : `${subject} accepts any certificate: the server is not authenticated.`,
        verifiers: { methods: ['ssl_verify_peer', 'proxy_ssl_verify_peer'], check: 'certificate verification' },
      },
      report,
    );
    for (const init of file.nodes('field_initializer')) {
      const field = init.childForFieldName('field')?.text;
      const value = init.childForFieldName('value');
      if (!field || !FIELDS.includes(field) || value?.type !== 'boolean_literal' || value.text !== 'true') continue;
      const struct = init.parent?.parent;
      if (struct?.type !== 'struct_expression' || !TLS_STRUCT.test(struct.childForFieldName('name')?.text ?? ''))
        continue;
      report({
        node: init,
        message: `\`${field}: true\` in \`${struct.childForFieldName('name')!.text}\` accepts any certificate: the server is not authenticated.`,
        state: { value, text: 'false' },
      });
    }
  },
  fix: (_file, r) => dangerFix(r.state, 'DANGER_ACCEPT_INVALID_CERTS', (text) => `Verify certificates (\`${text}\`)`),
  examples: {
    rust: {
      bad: `
        fn main() {
            let client = reqwest::Client::builder().danger_accept_invalid_certs(true).build();
        }
      `,
      good: `
        fn main() {
            let client = reqwest::Client::builder().danger_accept_invalid_certs(false).build();
        }
      `,
    },
  },
});
