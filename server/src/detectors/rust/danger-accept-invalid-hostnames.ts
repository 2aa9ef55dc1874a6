// Host name checks turned off: `danger_accept_invalid_hostnames(true)` (reqwest, native-tls) and the
// openssl crate's `ConnectConfiguration::set_verify_hostname(false)` / `verify_hostname(false)`.
import type { Node } from 'web-tree-sitter';
import { boolValue, methodCalls } from '../../engine/languages/rust';
import type { Detector } from '../../engine/types';

export const detector: Detector<{ value: Node; text: string }> = {
  id: 'rust.danger-accept-invalid-hostnames',
  rule: 'hostname-verification-disabled',
  languages: ['rust'],
  apis: ['reqwest::ClientBuilder::danger_accept_invalid_hostnames', 'native_tls::TlsConnectorBuilder::danger_accept_invalid_hostnames', 'openssl::ssl::ConnectConfiguration::set_verify_hostname'],
  tokens: ['danger_accept_invalid_hostnames', 'verify_hostname'],
  fixAvailability: 'always',
  detect(file, report) {
    for (const { call, name, args } of methodCalls(file, ['danger_accept_invalid_hostnames', 'set_verify_hostname', 'verify_hostname'])) {
      if (args.length !== 1) continue;
      const v = boolValue(file, args[0]);
      const field = call.childForFieldName('function')!.childForFieldName('field')!;
      if (name === 'danger_accept_invalid_hostnames' && v === true) {
        report({ node: field, message: '`danger_accept_invalid_hostnames(true)` accepts a certificate for any host name.', state: { value: args[0], text: 'false' } });
      } else if (name !== 'danger_accept_invalid_hostnames' && v === false) {
        report({ node: field, message: `\`${name}(false)\` turns the host name check off.`, state: { value: args[0], text: 'true' } });
      }
    }
  },
  fix(_file, r) {
    const s = r.state!;
    return { title: `Check the host name (\`${s.text}\`)`, safety: 'safe', edits: [{ start: s.value.startIndex, end: s.value.endIndex, newText: s.text }] };
  },
  examples: {
    bad: 'fn main() {\n    let client = reqwest::Client::builder().danger_accept_invalid_hostnames(true).build();\n}\n',
    good: 'fn main() {\n    let client = reqwest::Client::builder().danger_accept_invalid_hostnames(false).build();\n}\n',
  },
};
