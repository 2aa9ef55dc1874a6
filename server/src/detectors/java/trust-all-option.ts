import { simpleTypeName } from '../../engine/languages/java';
import { defineDetector } from '../../engine/detector';
import { optionFix, reportTrustAllCall, type OptionState } from '../jvm/support/client-options';
import { JAVA_OPTION_VALUES, javaOptionCalls } from '../jvm/support/java-options';

export const detector = defineDetector<OptionState>({
  id: 'java.trust-all-option',
  summary: 'Client options that switch certificate verification off.',
  docs: `
    Client options that switch certificate verification off: Vert.x \`setTrustAll(true)\` (HttpClientOptions,
    WebClientOptions, NetClientOptions...), Jetty \`SslContextFactory.setTrustAll(true)\` and
    \`new SslContextFactory(true)\` / \`new SslContextFactory.Client(true)\`, REST Assured's
    \`relaxedHTTPSValidation()\`, Lettuce's \`withVerifyPeer(false)\` / \`(SslVerifyMode.NONE)\`, RabbitMQ's
    \`useSslProtocol()\` / \`useSslProtocol("TLSv1.2")\` (documented to trust every certificate). The fix turns the option back to false where there is one.
  `,
  rule: 'cert-verification-disabled',
  languages: ['java'],
  apis: [
    'io.vertx.core.net.ClientOptionsBase.setTrustAll',
    'org.eclipse.jetty.util.ssl.SslContextFactory.setTrustAll',
    'io.restassured.RestAssured.useRelaxedHTTPSValidation',
    'io.lettuce.core.RedisURI.Builder.withVerifyPeer',
    'com.rabbitmq.client.ConnectionFactory.useSslProtocol',
  ],
  tokens: ['setTrustAll', 'SslContextFactory', 'elaxedHTTPSValidation', 'erifyPeer', 'useSslProtocol'],
  fixAvailability: 'sometimes',
  detect(file, report) {
    for (const c of javaOptionCalls(file)) reportTrustAllCall(c, JAVA_OPTION_VALUES, report);
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
          state: { value: args[0], newText: 'false' },
        });
      }
    }
  },
  fix: (_file, r) => optionFix(r.state, (text) => `Verify certificates (\`${text}\`)`),
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
