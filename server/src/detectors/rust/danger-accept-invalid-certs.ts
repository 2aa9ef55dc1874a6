import { boolValue, methodCalls } from '../../engine/languages/rust';
import { defineDetector } from '../../engine/detector';
import {
  dangerFix,
  dropFlag,
  forwardsOwnParameter,
  settingOf,
  sslOptionFlags,
  type DangerState,
} from './support/flags';

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
    for (const { call, field, name, args } of methodCalls(file, METHODS)) {
      const arg = args[0];
      if (args.length !== 1 || !arg || !field) continue;
      const value = boolValue(file, arg);
      if (value === true) {
        report({
          node: field,
          message: `\`${name}(true)\` accepts any certificate: the server is not authenticated.`,
          state: { value: arg, text: 'false' },
        });
        continue;
      }
      // The caller's setting passed through (`danger_accept_invalid_certs(!config.certs_verification)`).
      const setting = value === undefined ? settingOf(arg) : undefined;
      if (setting && !forwardsOwnParameter(call, setting)) {
        report({
          node: field,
          message: `\`${name}(${arg.text})\` accepts any certificate whenever its argument is true: the server is then not authenticated.`,
          flag: setting,
          state: { value: arg, text: 'false' },
        });
      }
    }
    for (const path of sslOptionFlags(file, 'DANGER_ACCEPT_INVALID_CERTS'))
      report({
        node: path,
        message: '`SslOption::DANGER_ACCEPT_INVALID_CERTS` accepts any certificate: the server is not authenticated.',
        state: { edit: dropFlag(path) },
      });
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
