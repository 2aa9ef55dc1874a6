import type { Node } from 'web-tree-sitter';
import { args, callsNamed } from '../../engine/languages/c';
import { defineDetector } from '../../engine/detector';

/** Windows SChannel `SCHANNEL_CRED.grbitEnabledProtocols` bits below TLS 1.2. */
const SCHANNEL = /^SP_PROT_(SSL2|SSL3|TLS1|TLS1_0|TLS1_1|SSL3TLS1)(_CLIENT|_SERVER)?$/;
/** Apple SecureTransport `SSLProtocol` values below TLS 1.2. */
const SECURE_TRANSPORT = new Set([
  'kSSLProtocol2',
  'kSSLProtocol3',
  'kSSLProtocol3Only',
  'kTLSProtocol1',
  'kTLSProtocol1Only',
  'kTLSProtocol11',
  'kDTLSProtocol1',
  'kSSLProtocolAll',
]);
const LABEL: [RegExp, string][] = [
  [/SSL2|Protocol2/, 'SSLv2'],
  [/SSL3|Protocol3|ProtocolAll/, 'SSLv3'],
  [/TLS1_1|TLSProtocol11/, 'TLS 1.1'],
  [/TLS1|TLSProtocol1|DTLSProtocol1/, 'TLS 1.0'],
];

function label(name: string): string {
  return LABEL.find(([re]) => re.test(name))?.[1] ?? 'a legacy protocol';
}

/**
 * Whether an SChannel constant is used as a value that enables it: assigned, `|=`, an initializer or an
 * operand of `|` in one, an argument; not a comparison, a `&`/`~` mask, a `case` label or a `#define`.
 */
function enables(id: Node): boolean {
  let top: Node = id;
  while (
    top.parent &&
    (top.parent.type === 'parenthesized_expression' ||
      (top.parent.type === 'binary_expression' && top.parent.childForFieldName('operator')?.text === '|'))
  )
    top = top.parent;
  const p = top.parent;
  if (!p) return false;
  if (p.type === 'assignment_expression') {
    const op = p.childForFieldName('operator')?.text;
    return (op === '=' || op === '|=') && p.childForFieldName('right')?.id === top.id;
  }
  if (p.type === 'init_declarator' || p.type === 'initializer_list' || p.type === 'initializer_pair') return true;
  return false;
}

export const detector = defineDetector({
  id: 'c.platform-tls-protocols',
  summary:
    "Operating-system TLS stacks told to enable SSL or TLS below 1.2: Windows SChannel's `SP_PROT_*` bits, Apple SecureTransport's `SSLSetProtocolVersionMin`/`Enabled`.",
  docs: `
    The platforms' own TLS stacks told to enable a protocol below TLS 1.2: Windows SChannel
    \`SCHANNEL_CRED.grbitEnabledProtocols\` given \`SP_PROT_SSL3_CLIENT\`, \`SP_PROT_TLS1_0_SERVER\`,
    \`SP_PROT_TLS1_1_CLIENT\`... (assigned, or'ed in, or in an initializer; tests with \`&\` and \`#define\`s
    are not configuration), and Apple SecureTransport's \`SSLSetProtocolVersionMin(ctx, kTLSProtocol1)\`
    (or \`kSSLProtocol3\`, \`kTLSProtocol11\`) and \`SSLSetProtocolVersionEnabled(ctx, kTLSProtocol11, true)\`.
  `,
  rule: 'legacy-protocol',
  languages: ['c', 'cpp'],
  apis: ['SCHANNEL_CRED.grbitEnabledProtocols', 'SSLSetProtocolVersionMin', 'SSLSetProtocolVersionEnabled'],
  tokens: ['SP_PROT_', 'SSLSetProtocolVersion'],
  fixAvailability: 'none',
  detect(file, report) {
    if (file.text.includes('SP_PROT_')) {
      for (const id of file.nodes('identifier')) {
        if (!SCHANNEL.test(id.text) || !enables(id)) continue;
        report({ node: id, message: `\`${id.text}\` enables ${label(id.text)} in SChannel: TLS 1.2 is the minimum.` });
      }
    }
    for (const call of callsNamed(file, ['SSLSetProtocolVersionMin', 'SSLSetProtocolVersionEnabled'])) {
      const a = args(call);
      const v = a[1];
      if (!v || !SECURE_TRANSPORT.has(v.text)) continue;
      const min = /Min$/.test(call.childForFieldName('function')?.text ?? '');
      if (!min && a[2]?.text !== 'true' && a[2]?.text !== 'TRUE' && a[2]?.text !== '1') continue;
      report({
        node: v,
        message: min
          ? `\`SSLSetProtocolVersionMin\` puts the floor at ${label(v.text)}: TLS 1.2 is the minimum.`
          : `\`SSLSetProtocolVersionEnabled\` enables ${label(v.text)}: TLS 1.2 is the minimum.`,
      });
    }
  },
  examples: {
    c: {
      bad: `
        #include <schannel.h>
        void f(SCHANNEL_CRED *cred) { cred->grbitEnabledProtocols = SP_PROT_TLS1_0_CLIENT | SP_PROT_TLS1_2_CLIENT; }
      `,
      good: `
        #include <schannel.h>
        void f(SCHANNEL_CRED *cred) { cred->grbitEnabledProtocols = SP_PROT_TLS1_2_CLIENT | SP_PROT_TLS1_3_CLIENT; }
      `,
    },
  },
});
