import type { Node } from 'web-tree-sitter';
import { callArgs } from '../../engine/languages/python';
import { defineDetector } from '../../engine/detector';
import { SINCE_SSL3, legacyLabels } from '../../engine/protocols';
import { opensslConstant, swapOpensslConstant } from './support/pyopenssl';

const LEGACY = legacyLabels((v) => v.opensslConstant, 'label', SINCE_SSL3);

interface State {
  floor: boolean;
}

export const detector = defineDetector<State>({
  id: 'python.pyopenssl-proto-version',
  summary:
    'pyOpenSSL contexts whose floor (`set_min_proto_version`) or ceiling (`set_max_proto_version`) is SSL 3.0, TLS 1.0 or TLS 1.1.',
  docs: `
    pyOpenSSL contexts whose floor (\`set_min_proto_version\`) or ceiling (\`set_max_proto_version\`) is
    SSL 3.0, TLS 1.0 or TLS 1.1.
  `,
  rule: 'legacy-protocol',
  languages: ['python'],
  apis: ['OpenSSL.SSL.Context.set_min_proto_version', 'OpenSSL.SSL.Context.set_max_proto_version'],
  tokens: ['_proto_version'],
  fixAvailability: 'sometimes',
  detect(file, report) {
    for (const call of file.nodes('call')) {
      const fn = call.childForFieldName('function');
      const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
      if (method !== 'set_min_proto_version' && method !== 'set_max_proto_version') continue;
      const args = callArgs(call);
      const value: Node | undefined = args.keywords.get('version')?.childForFieldName('value') ?? args.positional[0];
      const member = value ? opensslConstant(file, value) : undefined;
      if (!value || !member || !LEGACY[member]) continue;
      const floor = method === 'set_min_proto_version';
      report({
        node: value,
        message: floor
          ? `\`set_min_proto_version(${member})\` lets connections fall back to ${LEGACY[member]}: the floor should be TLS 1.2.`
          : `\`set_max_proto_version(${member})\` caps connections at ${LEGACY[member]}, a broken protocol version.`,
        state: { floor },
      });
    }
  },
  fix(file, r) {
    const { floor } = r.state;
    const to = floor ? 'TLS1_2_VERSION' : 'TLS1_3_VERSION';
    const edit = swapOpensslConstant(file, r.node!, to);
    if (!edit) return undefined;
    // Raising the floor only refuses the legacy versions; raising a ceiling changes what peers negotiate.
    return floor
      ? { title: 'Raise the floor to TLS 1.2 (`TLS1_2_VERSION`)', safety: 'safe', edits: [edit] }
      : { title: 'Allow up to TLS 1.3 (`TLS1_3_VERSION`)', safety: 'unsafe', edits: [edit] };
  },
  examples: {
    python: {
      bad: `
        from OpenSSL import SSL
        ctx = SSL.Context(SSL.TLS_METHOD)
        ctx.set_min_proto_version(SSL.TLS1_VERSION)
      `,
      good: `
        from OpenSSL import SSL
        ctx = SSL.Context(SSL.TLS_METHOD)
        ctx.set_min_proto_version(SSL.TLS1_2_VERSION)
      `,
    },
  },
});
