import type { Node } from 'web-tree-sitter';
import {
  alwaysReturnsTrue,
  classesImplementing,
  insideClassNamed,
  invocation,
  isTrueLambda,
  methodsNamed,
  simpleTypeName,
} from '../../engine/languages/java';
import { defineDetector } from '../../engine/detector';

const STRATEGIES = ['TrustAllStrategy', 'TrustSelfSignedStrategy'];

export const detector = defineDetector({
  id: 'java.trust-strategy',
  summary: 'Apache HttpClient.',
  docs: `
    Apache HttpClient: trust strategies that accept any chain, \`TrustAllStrategy\`,
    \`TrustSelfSignedStrategy\` (anyone can make a self-signed certificate), or a TrustStrategy lambda or
    anonymous class whose isTrusted returns true, handed to \`SSLContextBuilder.loadTrustMaterial\`.
  `,
  rule: 'cert-verification-disabled',
  languages: ['java'],
  apis: [
    'org.apache.http.conn.ssl.TrustAllStrategy',
    'org.apache.http.conn.ssl.TrustSelfSignedStrategy',
    'org.apache.http.ssl.SSLContextBuilder.loadTrustMaterial',
    'org.apache.hc.core5.ssl.TrustStrategy',
  ],
  tokens: ['TrustAllStrategy', 'TrustSelfSignedStrategy', 'TrustStrategy', 'loadTrustMaterial'],
  fixAvailability: 'none',
  detect(file, report) {
    for (const n of file.nodes('object_creation_expression', 'field_access')) {
      const name =
        n.type === 'object_creation_expression'
          ? simpleTypeName(n.childForFieldName('type'))
          : n.childForFieldName('field')?.text === 'INSTANCE'
            ? simpleTypeName(n.childForFieldName('object'))
            : undefined;
      if (!name || !STRATEGIES.includes(name)) continue;
      // The library's own `INSTANCE = new TrustAllStrategy()` defines the strategy; it installs nothing.
      if (insideClassNamed(n, name)) continue;
      if (n.type === 'object_creation_expression' && n.namedChildren.some((c) => c?.type === 'class_body')) continue;
      report({
        node: n,
        message:
          name === 'TrustAllStrategy'
            ? '`TrustAllStrategy` accepts every certificate chain: the server is not authenticated.'
            : '`TrustSelfSignedStrategy` accepts any self-signed certificate, which anyone can create: the server is not authenticated.',
      });
    }
    for (const cls of classesImplementing(file, ['TrustStrategy'])) {
      for (const m of methodsNamed(cls.body, 'isTrusted')) {
        if (!alwaysReturnsTrue(m.childForFieldName('body'))) continue;
        const at: Node = cls.node.type === 'object_creation_expression' ? cls.node : m;
        const end =
          at.type === 'object_creation_expression'
            ? (at.childForFieldName('arguments') ?? at).endIndex
            : m.childForFieldName('name')!.endIndex;
        report({
          range: { start: at.startIndex, end },
          message: '`TrustStrategy.isTrusted` returns true: every certificate chain is accepted.',
        });
      }
    }
    // `loadTrustMaterial(null, (chain, authType) -> true)` and `TrustStrategy s = (c, a) -> true;`.
    for (const call of file.nodes('method_invocation')) {
      const { name, args } = invocation(call);
      if (name !== 'loadTrustMaterial') continue;
      for (const a of args)
        if (isTrueLambda(a))
          report({
            node: a,
            message:
              'The trust strategy given to `loadTrustMaterial` returns true: every certificate chain is accepted.',
          });
    }
    for (const decl of file.nodes('local_variable_declaration', 'field_declaration')) {
      if (simpleTypeName(decl.childForFieldName('type')) !== 'TrustStrategy') continue;
      for (const d of decl.childrenForFieldName('declarator')) {
        const v = d?.childForFieldName('value');
        if (isTrueLambda(v))
          report({ node: v!, message: 'This `TrustStrategy` returns true: every certificate chain is accepted.' });
      }
    }
  },
  examples: {
    java: {
      bad: `
        import org.apache.http.ssl.SSLContexts;

        class C {
          Object ctx() throws Exception {
            return SSLContexts.custom().loadTrustMaterial(null, (chain, authType) -> true).build();
          }
        }
      `,
      good: `
        import org.apache.http.ssl.SSLContexts;

        class C {
          Object ctx(java.security.KeyStore ks) throws Exception {
            return SSLContexts.custom().loadTrustMaterial(ks, null).build();
          }
        }
      `,
    },
  },
});
