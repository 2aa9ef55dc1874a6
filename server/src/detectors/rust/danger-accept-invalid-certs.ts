// `danger_accept_invalid_certs(true)` on reqwest's `ClientBuilder` (async and blocking), native-tls /
// tokio-native-tls `TlsConnector::builder()` and the crates that re-export them.
import type { Node } from 'web-tree-sitter';
import { boolValue, methodCalls } from '../../engine/languages/rust';
import type { Detector } from '../../engine/types';

export const detector: Detector<{ value: Node }> = {
  id: 'rust.danger-accept-invalid-certs',
  rule: 'cert-verification-disabled',
  languages: ['rust'],
  apis: ['reqwest::ClientBuilder::danger_accept_invalid_certs', 'reqwest::blocking::ClientBuilder::danger_accept_invalid_certs', 'native_tls::TlsConnectorBuilder::danger_accept_invalid_certs'],
  tokens: ['danger_accept_invalid_certs'],
  fixAvailability: 'always',
  detect(file, report) {
    for (const { call, args } of methodCalls(file, ['danger_accept_invalid_certs'])) {
      if (args.length === 1 && boolValue(file, args[0]) === true) {
        report({ node: call.childForFieldName('function')!.childForFieldName('field')!, message: '`danger_accept_invalid_certs(true)` accepts any certificate: the server is not authenticated.', state: { value: args[0] } });
      }
    }
  },
  fix(_file, r) {
    const v = r.state!.value;
    return { title: 'Verify certificates (`false`)', safety: 'safe', edits: [{ start: v.startIndex, end: v.endIndex, newText: 'false' }] };
  },
  examples: {
    bad: 'fn main() {\n    let client = reqwest::Client::builder().danger_accept_invalid_certs(true).build();\n}\n',
    good: 'fn main() {\n    let client = reqwest::Client::builder().danger_accept_invalid_certs(false).build();\n}\n',
  },
};
