import type { Node } from 'web-tree-sitter';
import { calls, isTrueLambda, named, simpleName } from '../../engine/languages/kotlin';
import { TRUST_USE_TOKENS, trustClasses, trustUses, writtenAs } from '../../engine/jvm-trust';
import { defineDetector } from '../../engine/detector';

const SETTERS = [
  'HostnameVerifier',
  'hostnameVerifier',
  'setHostnameVerifier',
  'setDefaultHostnameVerifier',
  'setSSLHostnameVerifier',
];
const NOOP = ['NoopHostnameVerifier', 'AllowAllHostnameVerifier'];

export const detector = defineDetector({
  id: 'kotlin.hostname-verifier',
  summary: 'javax.net.ssl.HostnameVerifier in Kotlin that accepts every name.',
  docs: `
    javax.net.ssl.HostnameVerifier in Kotlin that accepts every name: \`HostnameVerifier { _, _ -> true }\`,
    OkHttp's \`hostnameVerifier { _, _ -> true }\`, \`setHostnameVerifier\`/\`setDefaultHostnameVerifier\`
    with such a lambda, an \`object : HostnameVerifier\` whose verify returns true, and Apache
    HttpClient's NoopHostnameVerifier / AllowAllHostnameVerifier / ALLOW_ALL_HOSTNAME_VERIFIER.
  `,
  rule: 'hostname-verification-disabled',
  languages: ['kotlin'],
  apis: [
    'javax.net.ssl.HostnameVerifier',
    'okhttp3.OkHttpClient.Builder.hostnameVerifier',
    'org.apache.http.conn.ssl.NoopHostnameVerifier',
  ],
  tokens: [
    ...new Set([
      'HostnameVerifier',
      'hostnameVerifier',
      'ALLOW_ALL_HOSTNAME_VERIFIER',
      ...TRUST_USE_TOKENS['accepts-any-host'],
    ]),
  ],
  fixAvailability: 'none',
  detect(file, report) {
    for (const c of calls(file)) {
      if (SETTERS.includes(c.name)) {
        const lambda = c.args.find(isTrueLambda);
        if (!lambda) continue;
        report(
          c.name === 'HostnameVerifier'
            ? { node: c.node, message: '`HostnameVerifier { ... -> true }` accepts any host name for any certificate.' }
            : {
                node: lambda,
                message: `The host name verifier given to \`${c.name}\` returns true: any host name is accepted.`,
              },
        );
      } else if (NOOP.includes(c.name) && !c.receiver && c.args.length === 0) {
        report({
          node: c.node,
          message: `\`${c.name}\` accepts any host name: the certificate is not matched to the server.`,
        });
      }
    }
    for (const cls of trustClasses(file)) {
      if (cls.kind !== 'accepts-any-host') continue;
      const at: Node = cls.node;
      const end =
        at.type === 'object_literal'
          ? (named(at).find((c) => c.type === 'delegation_specifiers') ?? at).endIndex
          : (named(at).find((c) => c.type === 'identifier' || c.type === 'type_identifier') ?? at).endIndex;
      report({
        range: { start: at.startIndex, end },
        message: '`HostnameVerifier.verify` returns true: any host name is accepted for any certificate.',
      });
    }
    for (const nav of file.nodes('navigation_expression')) {
      const kids = named(nav);
      if (kids.length !== 2) continue;
      const owner = simpleName(kids[0]);
      if (
        (owner && NOOP.includes(owner) && kids[1].text === 'INSTANCE') ||
        kids[1].text === 'ALLOW_ALL_HOSTNAME_VERIFIER'
      ) {
        report({
          node: nav,
          message: `\`${nav.text}\` accepts any host name: the certificate is not matched to the server.`,
        });
      }
    }
    // Last, so a construction reported above for what it is (`new NoopHostnameVerifier()`) keeps that report.
    // An instance of such a class (or such an object), here or in another file, handed to TLS by its name.
    for (const use of trustUses(file, 'accepts-any-host')) {
      report({
        node: use.node,
        message: `\`${writtenAs(use.node)}\` given to \`${use.sink}\` accepts any host name: \`${use.cls.name}.verify\` returns true.`,
        related: [use.cls.related],
      });
    }
  },
  examples: {
    kotlin: {
      bad: `
        import okhttp3.OkHttpClient

        val client = OkHttpClient.Builder().hostnameVerifier { _, _ -> true }.build()
      `,
      good: `
        import okhttp3.OkHttpClient

        val client = OkHttpClient.Builder().build()
      `,
    },
  },
});
