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

export const detector = defineDetector<DangerState>({
  id: 'rust.danger-accept-invalid-certs',
  summary:
    "`danger_accept_invalid_certs(true)` on reqwest's `ClientBuilder` (async and blocking), native-tls / tokio-native-tls `TlsConnector::builder()` and the crates that re-export them.",
  docs: `
    \`danger_accept_invalid_certs(true)\` (or reqwest's newer \`tls_danger_accept_invalid_certs(true)\`) on reqwest's \`ClientBuilder\` (async and blocking), native-tls /
    tokio-native-tls \`TlsConnector::builder()\` and the crates that re-export them; lettre's
    \`dangerous_accept_invalid_certs(true)\`, ureq's \`disable_verification(true)\`, and isahc's
    \`SslOption::DANGER_ACCEPT_INVALID_CERTS\`.
  `,
  rule: 'cert-verification-disabled',
  languages: ['rust'],
  apis: [
    'reqwest::ClientBuilder::danger_accept_invalid_certs',
    'reqwest::blocking::ClientBuilder::danger_accept_invalid_certs',
    'reqwest::ClientBuilder::tls_danger_accept_invalid_certs',
    'reqwest::blocking::ClientBuilder::tls_danger_accept_invalid_certs',
    'native_tls::TlsConnectorBuilder::danger_accept_invalid_certs',
  ],
  tokens: ['accept_invalid_certs', 'disable_verification', 'DANGER_ACCEPT_INVALID_CERTS'],
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
      },
      report,
    );
  },
  fix: (_file, r) => dangerFix(r.state, 'DANGER_ACCEPT_INVALID_CERTS', () => 'Verify certificates (`false`)'),
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
