import type { Node } from 'web-tree-sitter';
import { invocation, simpleTypeName } from '../../engine/languages/java';
import { defineDetector } from '../../engine/detector';

export const detector = defineDetector<{ value: Node | undefined }>({
  id: 'java.trust-all-option',
  summary: 'Client options that switch certificate verification off.',
  docs: `
    Client options that switch certificate verification off: Vert.x \`setTrustAll(true)\` (HttpClientOptions,
    WebClientOptions, NetClientOptions...), Jetty \`SslContextFactory.setTrustAll(true)\` and
    \`new SslContextFactory(true)\` / \`new SslContextFactory.Client(true)\`, REST Assured's
    \`relaxedHTTPSValidation()\`. The fix turns the option back to false where there is one.
  `,
  rule: 'cert-verification-disabled',
  languages: ['java'],
  apis: [
    'io.vertx.core.net.ClientOptionsBase.setTrustAll',
    'org.eclipse.jetty.util.ssl.SslContextFactory.setTrustAll',
    'io.restassured.RestAssured.useRelaxedHTTPSValidation',
  ],
  tokens: ['setTrustAll', 'SslContextFactory', 'elaxedHTTPSValidation'],
  fixAvailability: 'sometimes',
  detect(file, report) {
    for (const call of file.nodes('method_invocation')) {
      const { name, args } = invocation(call);
      const nameNode = call.childForFieldName('name')!;
      const at = { start: nameNode.startIndex, end: call.endIndex };
      if (name === 'setTrustAll' && args.length === 1 && args[0].type === 'true') {
        report({
          range: at,
          message: '`setTrustAll(true)` accepts every server certificate without verification.',
          state: { value: args[0] },
        });
      } else if ((name === 'relaxedHTTPSValidation' || name === 'useRelaxedHTTPSValidation') && args.length <= 1) {
        report({
          range: at,
          message: `REST Assured's \`${name}\` trusts every certificate and host name.`,
          state: { value: undefined },
        });
      }
    }
    for (const n of file.nodes('object_creation_expression')) {
      const t = simpleTypeName(n.childForFieldName('type'));
      const args = n.childForFieldName('arguments')?.namedChildren ?? [];
      if (
        (t === 'SslContextFactory' || t === 'Client' || t === 'Server') &&
        /SslContextFactory/.test(n.childForFieldName('type')?.text ?? '') &&
        args.length === 1 &&
        args[0]?.type === 'true'
      ) {
        report({
          node: n,
          message: '`new SslContextFactory(true)` trusts every certificate without verification.',
          state: { value: args[0] },
        });
      }
    }
  },
  fix(_file, r) {
    const value = r.state.value;
    if (!value) return undefined;
    return {
      title: 'Verify certificates (`false`)',
      safety: 'safe',
      edits: [{ start: value.startIndex, end: value.endIndex, newText: 'false' }],
    };
  },
  examples: {
    java: {
      bad: `
        import io.vertx.core.http.HttpClientOptions;

        class C {
          HttpClientOptions options = new HttpClientOptions().setSsl(true).setTrustAll(true);
        }
      `,
      good: `
        import io.vertx.core.http.HttpClientOptions;

        class C {
          HttpClientOptions options = new HttpClientOptions().setSsl(true);
        }
      `,
    },
  },
});
