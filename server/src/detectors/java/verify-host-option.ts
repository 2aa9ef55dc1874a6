import type { Node } from 'web-tree-sitter';
import { invocation } from '../../engine/languages/java';
import { defineDetector } from '../../engine/detector';

export const detector = defineDetector<{ value: Node; newText: string }>({
  id: 'java.verify-host-option',
  summary: 'Client options that switch host name verification off.',
  docs: `
    Client options that switch host name verification off: Vert.x \`setVerifyHost(false)\`, and
    \`setEndpointIdentificationAlgorithm(null)\` / \`("")\` on Jetty's SslContextFactory or JSSE's
    SSLParameters (with "HTTPS" the JDK matches the certificate to the host). Fixed to true / "HTTPS".
  `,
  rule: 'hostname-verification-disabled',
  languages: ['java'],
  apis: [
    'io.vertx.core.net.ClientOptionsBase.setVerifyHost',
    'org.eclipse.jetty.util.ssl.SslContextFactory.setEndpointIdentificationAlgorithm',
  ],
  tokens: ['setVerifyHost', 'setEndpointIdentificationAlgorithm'],
  fixAvailability: 'always',
  detect(file, report) {
    for (const call of file.nodes('method_invocation')) {
      const { name, args } = invocation(call);
      const nameNode = call.childForFieldName('name')!;
      const at = { start: nameNode.startIndex, end: call.endIndex };
      if (name === 'setVerifyHost' && args.length === 1 && args[0].type === 'false') {
        report({
          range: at,
          message: '`setVerifyHost(false)`: the server certificate is not matched to the host name.',
          state: { value: args[0], newText: 'true' },
        });
      } else if (
        name === 'setEndpointIdentificationAlgorithm' &&
        args.length === 1 &&
        (args[0].type === 'null_literal' || args[0].text === '""')
      ) {
        // SSLParameters start at null anyway: resetting them is no change; a factory's reset is.
        const obj = call.childForFieldName('object')?.text ?? '';
        if (!/param/i.test(obj)) {
          report({
            range: at,
            message:
              '`setEndpointIdentificationAlgorithm(null)`: the server certificate is not matched to the host name.',
            state: { value: args[0], newText: '"HTTPS"' },
          });
        }
      }
    }
  },
  fix(_file, r) {
    const { value, newText } = r.state;
    return {
      title: `Verify host names (\`${newText}\`)`,
      safety: 'safe',
      edits: [{ start: value.startIndex, end: value.endIndex, newText }],
    };
  },
  examples: {
    java: {
      bad: `
        import io.vertx.ext.web.client.WebClientOptions;

        class C {
          WebClientOptions o = new WebClientOptions().setSsl(true).setVerifyHost(false);
        }
      `,
      good: `
        import io.vertx.ext.web.client.WebClientOptions;

        class C {
          WebClientOptions o = new WebClientOptions().setSsl(true).setVerifyHost(true);
        }
      `,
    },
  },
});
