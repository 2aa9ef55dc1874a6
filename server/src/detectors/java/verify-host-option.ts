import type { Node } from 'web-tree-sitter';
import { invocation } from '../../engine/languages/java';
import { defineDetector } from '../../engine/detector';

const ENDPOINT_SETTERS = ['setEndpointIdentificationAlgorithm', 'endpointIdentificationAlgorithm'];

/** `null` or `""`: no endpoint identification, so no host-name check. */
const isNone = (n: Node | null | undefined): boolean => n?.type === 'null_literal' || n?.text === '""';

/**
 * `flag ? "" : "HTTPS"`: the condition, when one branch switches identification off and the other does
 * not (a caller's setting chooses, an opt-in path).
 */
function noneUnder(value: Node): Node | undefined {
  if (value.type === 'parenthesized_expression' && value.namedChildren[0]) return noneUnder(value.namedChildren[0]);
  if (value.type !== 'ternary_expression') return undefined;
  const yes = value.childForFieldName('consequence');
  const no = value.childForFieldName('alternative');
  return isNone(yes) !== isNone(no) ? (value.childForFieldName('condition') ?? undefined) : undefined;
}

export const detector = defineDetector<{ value: Node; newText: string } | undefined>({
  id: 'java.verify-host-option',
  summary: 'Client options that switch host name verification off.',
  docs: `
    Client options that switch host name verification off: Vert.x \`setVerifyHost(false)\`, and
    \`setEndpointIdentificationAlgorithm(null)\` / \`("")\` on Jetty's SslContextFactory or JSSE's
    SSLParameters, or Netty's \`SslContextBuilder.endpointIdentificationAlgorithm\` (with "HTTPS" the
    JDK matches the certificate to the host). Fixed to true / "HTTPS". A ternary whose one branch is
    null or "" (\`disable ? "" : "HTTPS"\`) is an opt-in path: reported at its condition, never fixed.
  `,
  rule: 'hostname-verification-disabled',
  languages: ['java'],
  apis: [
    'io.vertx.core.net.ClientOptionsBase.setVerifyHost',
    'org.eclipse.jetty.util.ssl.SslContextFactory.setEndpointIdentificationAlgorithm',
    'javax.net.ssl.SSLParameters.setEndpointIdentificationAlgorithm',
    'io.netty.handler.ssl.SslContextBuilder.endpointIdentificationAlgorithm',
  ],
  tokens: ['setVerifyHost', 'ndpointIdentificationAlgorithm'],
  fixAvailability: 'sometimes',
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
      } else if (ENDPOINT_SETTERS.includes(name) && args.length === 1 && isNone(args[0])) {
        // SSLParameters start at null anyway: resetting them is no change; a factory's reset is.
        const obj = call.childForFieldName('object')?.text ?? '';
        if (!/param/i.test(obj)) {
          report({
            range: at,
            message: `\`${name}(${args[0].text})\`: the server certificate is not matched to the host name.`,
            state: { value: args[0], newText: '"HTTPS"' },
          });
        }
      } else if (ENDPOINT_SETTERS.includes(name) && args.length === 1) {
        // `endpointIdentificationAlgorithm(config.isDisable...() ? "" : "HTTPS")`: chosen by a setting.
        const flag = noneUnder(args[0]);
        if (flag)
          report({
            node: args[0],
            message: `\`${name}\` is given no algorithm on one branch: the server certificate is then not matched to the host name.`,
            flag,
          });
      }
    }
  },
  fix(_file, r) {
    if (!r.state) return undefined;
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
