import type { Node } from 'web-tree-sitter';
import { args, callName, callsNamed, intValue, lastName, orOperands, valueText } from '../../engine/languages/c';
import { defineDetector } from '../../engine/detector';
import { SINCE_SSL3, legacyLabels } from '../../engine/protocols';
import type { Fix } from '../../engine/types';

const MIN = ['SSL_CTX_set_min_proto_version', 'SSL_set_min_proto_version'];
const MAX = ['SSL_CTX_set_max_proto_version', 'SSL_set_max_proto_version'];
const LEGACY_VERSIONS: Record<string, string> = {
  ...legacyLabels((v) => v.opensslConstant, 'shortLabel'),
  DTLS1_VERSION: 'DTLS 1.0',
  DTLS1_BAD_VER: 'DTLS 1.0',
};
const LEGACY_NUMBERS = legacyLabels((v) => v.wire, 'shortLabel');
const CLEAR = ['SSL_CTX_clear_options', 'SSL_clear_options'];
const LEGACY_NO = [
  'SSL_OP_NO_SSLv2',
  'SSL_OP_NO_SSLv3',
  'SSL_OP_NO_TLSv1',
  'SSL_OP_NO_TLSv1_1',
  'SSL_OP_NO_DTLSv1',
  'no_sslv2',
  'no_sslv3',
  'no_tlsv1',
  'no_tlsv1_1',
];

const SET = ['SSL_CTX_set_options', 'SSL_set_options', 'set_options'];

/** The function definition around a node (the whole file outside any). */
function enclosingFunction(node: Node): Node {
  let p: Node | null = node;
  while (p.parent && p.type !== 'function_definition') p = p.parent;
  return p;
}

/**
 * The `SSL_OP_NO_*` flags that `SSL_CTX_set_options`/`SSL_set_options` (or Asio's `set_options`) set
 * in the function around `node` (`after`: below it), in any branch: nginx clears every `NO_` flag and then sets one
 * for each version its `ssl_protocols` setting leaves out, so the clear is not what decides.
 */
function flagsSetAround(file: Parameters<typeof callsNamed>[0], node: Node, after = false): Set<string> {
  const fn = enclosingFunction(node);
  const out = new Set<string>();
  for (const call of callsNamed(file, SET)) {
    if (call.startIndex < (after ? node.endIndex : fn.startIndex) || call.endIndex > fn.endIndex) continue;
    const name = callName(call);
    const a = args(call);
    const mask = name === 'set_options' ? a[0] : a[1];
    if (!mask) continue;
    for (const op of orOperands(mask)) {
      // A helper of the file that computes the mask (`SSL_CTX_set_options(ctx, ssl_get_protocol(ver))`):
      // the `SSL_OP_NO_*` flags its body names are the ones it may set.
      if (op.type === 'call_expression') {
        for (const flag of flagsNamedBy(file, op.childForFieldName('function'))) out.add(flag);
        continue;
      }
      const v = op.type === 'qualified_identifier' ? lastName(op) : valueText(file, op);
      if (v) out.add(v);
    }
  }
  return out;
}

/** The `SSL_OP_NO_*` names in the body of the file's function called `callee` (none if it is not defined here). */
function flagsNamedBy(file: Parameters<typeof callsNamed>[0], callee: Node | null): string[] {
  if (callee?.type !== 'identifier') return [];
  const out: string[] = [];
  for (const fn of file.nodes('function_definition')) {
    let d = fn.childForFieldName('declarator');
    while (d && d.type !== 'function_declarator') d = d.childForFieldName('declarator');
    if (d?.childForFieldName('declarator')?.text !== callee.text) continue;
    for (const id of fn.childForFieldName('body')?.descendantsOfType('identifier') ?? [])
      if (id && id.text.startsWith('SSL_OP_NO_')) out.push(id.text);
  }
  return out;
}

type State =
  { kind: 'version'; node: Node; text: string; safe: boolean } | { kind: 'clear'; call: Node; mask: Node; ops: Node[] };

export const detector = defineDetector<State>({
  id: 'c.openssl-proto-version',
  summary: 'OpenSSL version floors and ceilings below TLS 1.2.',
  docs: `
    OpenSSL version floors and ceilings below TLS 1.2: \`SSL_CTX_set_min_proto_version(ctx, TLS1_VERSION)\`
    (0 means "the lowest the library supports"), a \`max\` below 1.2, and \`SSL_CTX_clear_options\`
    re-enabling a protocol by clearing \`SSL_OP_NO_SSLv3\`/\`SSL_OP_NO_TLSv1\`... (Boost.Asio's
    \`clear_options(ssl::context::no_tlsv1)\` too). Where the same function sets those flags again
    below (in any branch, as nginx does for each version its \`ssl_protocols\` leaves out, or through a
    helper of the file whose body names them, as civetweb's \`ssl_get_protocol(version)\`), the options
    decide: neither the clear nor a floor of 0 beside \`SSL_OP_NO_TLSv1\` and \`SSL_OP_NO_TLSv1_1\` is
    reported.
  `,
  rule: 'legacy-protocol',
  languages: ['c', 'cpp'],
  apis: [
    'SSL_CTX_set_min_proto_version',
    'SSL_CTX_set_max_proto_version',
    'SSL_set_min_proto_version',
    'SSL_CTX_clear_options',
    'SSL_clear_options',
  ],
  tokens: ['_proto_version', 'clear_options', 'mbedtls_ssl_conf_m'],
  fixAvailability: 'always',
  detect(file, report) {
    for (const call of callsNamed(file, [
      ...MIN,
      ...MAX,
      ...CLEAR,
      'clear_options',
      'mbedtls_ssl_conf_min_version',
      'mbedtls_ssl_conf_max_version',
    ])) {
      const name = callName(call);
      if (!name) continue;
      const a = args(call);
      if ((MIN.includes(name) || MAX.includes(name)) && a.length >= 2) {
        const v = valueText(file, a[1]);
        const n = intValue(v);
        const isMin = MIN.includes(name);
        const dtls = /DTLS/.test(v ?? '') || file.memo('c.mentionsDtls', () => /\bDTLS/.test(file.text));
        const label = v && LEGACY_VERSIONS[v] ? LEGACY_VERSIONS[v] : n !== undefined ? LEGACY_NUMBERS[n] : undefined;
        const optionsDecide = () => {
          const set = flagsSetAround(file, call);
          return set.has('SSL_OP_NO_TLSv1') && set.has('SSL_OP_NO_TLSv1_1');
        };
        if (isMin && n === 0 && !optionsDecide()) {
          report({
            node: a[1],
            message: `\`${name}\` is given 0, which means the lowest version the library supports: TLS 1.2 is the minimum.`,
            state: { kind: 'version', node: a[1], text: 'TLS1_2_VERSION', safe: !dtls },
          });
        } else if (label) {
          const text = /DTLS/.test(v ?? '') ? 'DTLS1_2_VERSION' : 'TLS1_2_VERSION';
          report({
            node: a[1],
            message: isMin
              ? `\`${name}\` allows ${label}: TLS 1.2 is the minimum.`
              : `\`${name}\` caps the protocol at ${label}: TLS 1.2 is the minimum.`,
            state: { kind: 'version', node: a[1], text, safe: true },
          });
        }
      } else if (
        (name === 'mbedtls_ssl_conf_min_version' || name === 'mbedtls_ssl_conf_max_version') &&
        a.length >= 3
      ) {
        // mbedTLS 2.x: (major 3, minor 0..3) = SSLv3, TLS 1.0, 1.1, 1.2.
        const minor = valueText(file, a[2]);
        const m =
          /^MBEDTLS_SSL_MINOR_VERSION_([0-2])$/.exec(minor ?? '') ??
          (intValue(minor) !== undefined && intValue(minor)! <= 2 ? ['', String(intValue(minor))] : null);
        if (m && valueText(file, a[1]) === 'MBEDTLS_SSL_MAJOR_VERSION_3') {
          // Minor n of major 3 is the wire version 3.n.
          const label = SINCE_SSL3[Number(m[1])].shortLabel;
          const isMin = name.endsWith('min_version');
          report({
            node: a[2],
            message: isMin
              ? `\`${name}\` allows ${label}: TLS 1.2 is the minimum.`
              : `\`${name}\` caps the protocol at ${label}: TLS 1.2 is the minimum.`,
            state: { kind: 'version', node: a[2], text: 'MBEDTLS_SSL_MINOR_VERSION_3', safe: true },
          });
        }
      } else if (
        (CLEAR.includes(name) && a.length >= 2) ||
        (name === 'clear_options' && call.childForFieldName('function')?.type === 'field_expression' && a.length >= 1)
      ) {
        const mask = name === 'clear_options' ? a[0] : a[1];
        const ops = orOperands(mask);
        const setAgain = flagsSetAround(file, call, true);
        for (const op of ops) {
          const v = op.type === 'qualified_identifier' ? lastName(op) : valueText(file, op);
          if (v && LEGACY_NO.includes(v) && !setAgain.has(v)) {
            report({
              node: op,
              message: `\`${name}\` clears \`${op.text}\`: it re-enables a legacy protocol.`,
              state: { kind: 'clear', call, mask, ops },
            });
          }
        }
      }
    }
  },
  fix(file, r): Fix | undefined {
    const s = r.state;
    if (s.kind === 'version') {
      return {
        title: `Use \`${s.text}\``,
        safety: s.safe ? 'safe' : 'unsafe',
        edits: [{ start: s.node.startIndex, end: s.node.endIndex, newText: s.text }],
      };
    }
    const isLegacy = (op: Node) =>
      LEGACY_NO.includes(op.type === 'qualified_identifier' ? lastName(op) : (valueText(file, op) ?? ''));
    const rest = s.ops.filter((op) => !isLegacy(op));
    if (rest.length === 0) {
      // Clearing only legacy-protocol flags: keep them set instead.
      const fn = s.call.childForFieldName('function')!;
      const name = callName(s.call)!;
      const setName = name.replace('clear_options', 'set_options');
      return {
        title: `Keep the legacy protocols disabled (\`${setName}\`)`,
        safety: 'safe',
        edits: [{ start: fn.endIndex - name.length, end: fn.endIndex, newText: setName }],
      };
    }
    return {
      title: 'Stop clearing the legacy-protocol flags',
      safety: 'safe',
      edits: [{ start: s.mask.startIndex, end: s.mask.endIndex, newText: rest.map((op) => op.text).join(' | ') }],
    };
  },
  examples: {
    c: {
      bad: `
        #include <openssl/ssl.h>
        void f(SSL_CTX *ctx) { SSL_CTX_set_min_proto_version(ctx, TLS1_VERSION); }
      `,
      good: `
        #include <openssl/ssl.h>
        void f(SSL_CTX *ctx) { SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION); }
      `,
    },
  },
});
