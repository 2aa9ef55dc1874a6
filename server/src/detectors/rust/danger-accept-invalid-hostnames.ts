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

export const detector = defineDetector<DangerState>({
  id: 'rust.danger-accept-invalid-hostnames',
  summary: 'Host name checks turned off.',
  docs: `
    Host name checks turned off: \`danger_accept_invalid_hostnames(true)\` (reqwest, also as \`tls_danger_accept_invalid_hostnames\`; native-tls) and the
    openssl crate's \`ConnectConfiguration::set_verify_hostname(false)\` / \`verify_hostname(false)\`.
  `,
  rule: 'hostname-verification-disabled',
  languages: ['rust'],
  apis: [
    'reqwest::ClientBuilder::danger_accept_invalid_hostnames',
    'reqwest::ClientBuilder::tls_danger_accept_invalid_hostnames',
    'native_tls::TlsConnectorBuilder::danger_accept_invalid_hostnames',
    'openssl::ssl::ConnectConfiguration::set_verify_hostname',
  ],
  tokens: ['accept_invalid_host', 'verify_hostname', 'DANGER_ACCEPT_INVALID_HOSTS'],
  fixAvailability: 'always',
  detect(file, report) {
    for (const { call, field, name, args } of methodCalls(file, [
      'danger_accept_invalid_hostnames',
      'tls_danger_accept_invalid_hostnames',
      'dangerous_accept_invalid_hostnames',
      'accept_invalid_hostnames',
      'danger_accept_invalid_hosts',
      'set_verify_hostname',
      'verify_hostname',
    ])) {
      const arg = args[0];
      if (args.length !== 1 || !arg || !field) continue;
      const v = boolValue(file, arg);
      const danger = name.includes('accept_invalid_host');
      if (danger && v === true) {
        report({
          node: field,
          message: `\`${name}(true)\` accepts a certificate for any host name.`,
          state: { value: arg, text: 'false' },
        });
      } else if (!danger && v === false) {
        report({
          node: field,
          message: `\`${name}(false)\` turns the host name check off.`,
          state: { value: arg, text: 'true' },
        });
      } else if (danger && v === undefined) {
        // The caller's setting passed through (`danger_accept_invalid_hostnames(!config.hostname_verification)`);
        // a `set_verify_hostname(cfg.verify)` pass-through keeps the library's default and is not reported.
        const setting = settingOf(arg);
        if (setting && !forwardsOwnParameter(call, setting))
          report({
            node: field,
            message: `\`${name}(${arg.text})\` accepts a certificate for any host name whenever its argument is true.`,
            flag: setting,
            state: { value: arg, text: 'false' },
          });
      }
    }
    for (const path of sslOptionFlags(file, 'DANGER_ACCEPT_INVALID_HOSTS'))
      report({
        node: path,
        message: '`SslOption::DANGER_ACCEPT_INVALID_HOSTS` accepts a certificate for any host name.',
        state: { edit: dropFlag(path) },
      });
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
