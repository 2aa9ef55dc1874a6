import { calls, isTrueLambda, named, simpleName } from '../../engine/languages/kotlin';
import { defineDetector } from '../../engine/detector';

export const detector = defineDetector({
  id: 'kotlin.trust-strategy',
  summary: 'Apache HttpClient in Kotlin.',
  docs: `
    Apache HttpClient in Kotlin: \`TrustAllStrategy\`, \`TrustSelfSignedStrategy()\`, and a trust strategy
    lambda returning true given to \`loadTrustMaterial\` (\`loadTrustMaterial(null) { _, _ -> true }\`,
    \`TrustStrategy { _, _ -> true }\`).
  `,
  rule: 'cert-verification-disabled',
  languages: ['kotlin'],
  apis: [
    'org.apache.http.conn.ssl.TrustAllStrategy',
    'org.apache.http.conn.ssl.TrustSelfSignedStrategy',
    'org.apache.http.ssl.SSLContextBuilder.loadTrustMaterial',
  ],
  tokens: ['TrustAllStrategy', 'TrustSelfSignedStrategy', 'TrustStrategy', 'loadTrustMaterial'],
  fixAvailability: 'none',
  detect(file, report) {
    for (const c of calls(file)) {
      if (
        (c.name === 'TrustSelfSignedStrategy' || c.name === 'TrustAllStrategy') &&
        !c.receiver &&
        c.args.length === 0
      ) {
        report({
          node: c.node,
          message:
            c.name === 'TrustAllStrategy'
              ? '`TrustAllStrategy` accepts every certificate chain: the server is not authenticated.'
              : '`TrustSelfSignedStrategy` accepts any self-signed certificate, which anyone can create: the server is not authenticated.',
        });
      } else if ((c.name === 'loadTrustMaterial' || c.name === 'TrustStrategy') && c.args.some(isTrueLambda)) {
        const lambda = c.args.find(isTrueLambda)!;
        report({ node: lambda, message: 'The trust strategy returns true: every certificate chain is accepted.' });
      }
    }
    for (const nav of file.nodes('navigation_expression')) {
      const kids = named(nav);
      if (kids.length === 2 && simpleName(kids[0]) === 'TrustAllStrategy' && kids[1].text === 'INSTANCE') {
        report({
          node: nav,
          message: '`TrustAllStrategy` accepts every certificate chain: the server is not authenticated.',
        });
      }
    }
  },
  examples: {
    kotlin: {
      bad: `
        import org.apache.http.ssl.SSLContexts

        fun ctx() = SSLContexts.custom().loadTrustMaterial(null) { _, _ -> true }.build()
      `,
      good: `
        import org.apache.http.ssl.SSLContexts
        import java.security.KeyStore

        fun ctx(ks: KeyStore) = SSLContexts.custom().loadTrustMaterial(ks, null).build()
      `,
    },
  },
});
