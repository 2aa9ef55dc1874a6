import type { Node } from 'web-tree-sitter';
import { qualifiedNameAt, spellingOf } from '../../engine/languages/python';
import { defineDetector } from '../../engine/detector';
import { legacyLabels } from '../../engine/protocols';
import type { SourceFile } from '../../engine/types';

/** `from OpenSSL import SSL` is the real module; `pyOpenSSL.SSL` appears in scanners' samples and is accepted too. */
const MODULES = ['OpenSSL.SSL.', 'pyOpenSSL.SSL.'];

/** The member name when `node` is a use of an `OpenSSL.SSL` constant (not its import, not a comparison). */
export function opensslConstant(file: SourceFile, node: Node): string | undefined {
  if (node.type !== 'attribute' && node.type !== 'identifier') return undefined;
  const parent = node.parent;
  if (!parent) return undefined;
  // The identifiers inside `SSL.X` are covered by the attribute itself.
  if (node.type === 'identifier' && parent.type === 'attribute') return undefined;
  if (parent.type === 'comparison_operator' || parent.type === 'dotted_name' || parent.type === 'aliased_import')
    return undefined;
  if (parent.type === 'assignment' && parent.childForFieldName('left')?.id === node.id) return undefined;
  if (parent.type === 'keyword_argument' && parent.childForFieldName('name')?.id === node.id) return undefined;
  const name = qualifiedNameAt(file, node);
  const module = name && MODULES.find((m) => name.startsWith(m));
  if (!module) return undefined;
  const member = name.slice(module.length);
  return /^[A-Za-z0-9_]+$/.test(member) ? member : undefined;
}

/**
 * Whether a constant is the value of a translation table keyed by `ssl` protocol constants
 * (`{ssl.PROTOCOL_TLSv1: SSL.TLSv1_METHOD}`, `table[ssl.PROTOCOL_SSLv3] = SSL.SSLv3_METHOD`): such tables map
 * whatever the caller asked for, they do not pick a version.
 */
export function inTranslationTable(node: Node): boolean {
  const parent = node.parent;
  if (parent?.type === 'pair' && parent.childForFieldName('value')?.id === node.id)
    return /PROTOCOL_/.test(parent.childForFieldName('key')?.text ?? '');
  if (parent?.type === 'assignment' && parent.childForFieldName('right')?.id === node.id) {
    const left = parent.childForFieldName('left');
    return left?.type === 'subscript' && /PROTOCOL_/.test(left.childForFieldName('subscript')?.text ?? '');
  }
  return false;
}

/** The edit that makes a constant use name another member of `OpenSSL.SSL`, in the file's own spelling. */
export function swapOpensslConstant(
  file: SourceFile,
  node: Node,
  to: string,
): { start: number; end: number; newText: string } | undefined {
  if (node.type === 'attribute') {
    const attr = node.childForFieldName('attribute')!;
    return { start: attr.startIndex, end: attr.endIndex, newText: to };
  }
  const spelled = spellingOf(file, `OpenSSL.SSL.${to}`);
  return spelled ? { start: node.startIndex, end: node.endIndex, newText: spelled } : undefined;
}

const LEGACY = legacyLabels((v) => `${v.stem}_METHOD`);

export const detector = defineDetector({
  id: 'python.pyopenssl-method',
  summary: 'pyOpenSSL contexts pinned to a legacy protocol.',
  docs: `
    pyOpenSSL contexts pinned to a legacy protocol: \`SSL.Context(SSL.TLSv1_METHOD)\` and the SSLv2,
    SSLv3 and TLS 1.1 methods, wherever the constant is used (arguments, defaults, assignments).
  `,
  rule: 'legacy-protocol',
  languages: ['python'],
  apis: [
    'OpenSSL.SSL.Context',
    'OpenSSL.SSL.SSLv2_METHOD',
    'OpenSSL.SSL.SSLv3_METHOD',
    'OpenSSL.SSL.TLSv1_METHOD',
    'OpenSSL.SSL.TLSv1_1_METHOD',
  ],
  tokens: ['SSLv2_METHOD', 'SSLv3_METHOD', 'TLSv1_METHOD', 'TLSv1_1_METHOD'],
  fixAvailability: 'sometimes',
  detect(file, report) {
    for (const node of file.nodes('attribute', 'identifier')) {
      const member = opensslConstant(file, node);
      if (!member || !LEGACY[member] || inTranslationTable(node)) continue;
      report({
        node,
        message: `\`OpenSSL.SSL.${member}\` pins the connection to ${LEGACY[member]}, a broken protocol version.`,
      });
    }
  },
  fix(file, r) {
    const edit = swapOpensslConstant(file, r.node!, 'TLS_METHOD');
    // Negotiating lets TLS 1.2 and 1.3 in, but the floor is then OpenSSL's configured default: review it
    // (and add `ctx.set_min_proto_version(SSL.TLS1_2_VERSION)`).
    return edit
      ? { title: 'Negotiate the version (`TLS_METHOD`) and set a TLS 1.2 floor', safety: 'unsafe', edits: [edit] }
      : undefined;
  },
  examples: {
    python: {
      bad: `
        from OpenSSL import SSL
        ctx = SSL.Context(SSL.TLSv1_METHOD)
      `,
      good: `
        from OpenSSL import SSL
        ctx = SSL.Context(SSL.TLS_METHOD)
        ctx.set_min_proto_version(SSL.TLS1_2_VERSION)
      `,
    },
  },
});
