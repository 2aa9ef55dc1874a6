import type { Node } from 'web-tree-sitter';
import {
  boolValue,
  inComparison,
  methodCalls,
  orChainTop,
  orOperands,
  pathSegments,
} from '../../engine/languages/rust';
import { defineDetector } from '../../engine/detector';
import type { TextEdit } from '../../engine/types';

const METHODS = [
  'danger_accept_invalid_certs',
  // reqwest 0.12.x's current name; `danger_accept_invalid_certs` is its deprecated alias.
  'tls_danger_accept_invalid_certs',
  'dangerous_accept_invalid_certs',
  'insecure_accept_invalid_certs',
  'accept_invalid_certs',
  'disable_verification',
];

/** Drops an isahc flag from its `|` chain, or replaces a lone flag with `SslOption::NONE`. */
export function dropFlag(flag: Node): TextEdit {
  const top = orChainTop(flag);
  const ops = orOperands(top);
  if (ops.length === 1) {
    const seg = pathSegments(flag)!;
    return { start: flag.startIndex, end: flag.endIndex, newText: [...seg.slice(0, -1), 'NONE'].join('::') };
  }
  const i = ops.findIndex((o) => o.id === flag.id);
  return i > 0
    ? { start: ops[i - 1].endIndex, end: flag.endIndex, newText: '' }
    : { start: flag.startIndex, end: ops[1].startIndex, newText: '' };
}

export const detector = defineDetector<{ value: Node; text: string } | { edit: TextEdit }>({
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
    for (const { call, name, args } of methodCalls(file, METHODS)) {
      if (args.length === 1 && boolValue(file, args[0]) === true) {
        report({
          node: call.childForFieldName('function')!.childForFieldName('field')!,
          message: `\`${name}(true)\` accepts any certificate: the server is not authenticated.`,
          state: { value: args[0], text: 'false' },
        });
      }
    }
    for (const path of file.nodes('scoped_identifier')) {
      const seg = pathSegments(path);
      if (
        !seg ||
        seg[seg.length - 1] !== 'DANGER_ACCEPT_INVALID_CERTS' ||
        seg[seg.length - 2] !== 'SslOption' ||
        inComparison(path)
      )
        continue;
      report({
        node: path,
        message: '`SslOption::DANGER_ACCEPT_INVALID_CERTS` accepts any certificate: the server is not authenticated.',
        state: { edit: dropFlag(path) },
      });
    }
  },
  fix(_file, r) {
    const s = r.state;
    if ('edit' in s) return { title: 'Drop `DANGER_ACCEPT_INVALID_CERTS`', safety: 'safe', edits: [s.edit] };
    return {
      title: 'Verify certificates (`false`)',
      safety: 'safe',
      edits: [{ start: s.value.startIndex, end: s.value.endIndex, newText: s.text }],
    };
  },
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
