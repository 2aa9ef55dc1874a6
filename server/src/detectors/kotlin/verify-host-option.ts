import type { Node } from 'web-tree-sitter';
import {
  assignments,
  callNameRange,
  calls,
  isBool,
  named,
  namedArgs,
  simpleName,
  stringValue,
} from '../../engine/languages/kotlin';
import { defineDetector } from '../../engine/detector';
import { optionFix, reportVerifyHostCall, type OptionState } from '../jvm/support/client-options';
import { MAIL_SSL_CHECK_SERVER_IDENTITY } from '../jvm/support/javamail';
import { KOTLIN_OPTION_VALUES, kotlinOptionCall } from '../jvm/support/kotlin-options';

const PROPS = ['isVerifyHost', 'verifyHost', 'isSSLCheckServerIdentity', 'sslCheckServerIdentity'];

function mailFalse(node: Node | undefined): { value: Node; newText: string } | undefined {
  if (!node) return undefined;
  if (node.type === 'string_literal' && node.text === '"false"') return { value: node, newText: '"true"' };
  if (isBool(node, false)) return { value: node, newText: 'true' };
  return undefined;
}

export const detector = defineDetector<OptionState>({
  id: 'kotlin.verify-host-option',
  summary: 'Kotlin client options that switch host name verification off.',
  docs: `
    Kotlin client options that switch host name verification off: Vert.x \`setVerifyHost(false)\`,
    \`isVerifyHost = false\`, \`...OptionsOf(verifyHost = false)\`, Jetty's endpoint identification reset
    to null (or null on one branch of an \`if\`, an opt-in path), JavaMail \`mail.<protocol>.ssl.checkserveridentity\` = "false" and Commons Email
    \`setSSLCheckServerIdentity(false)\`. Fixed to true / "HTTPS".
  `,
  rule: 'hostname-verification-disabled',
  languages: ['kotlin'],
  apis: [
    'io.vertx.core.net.ClientOptionsBase.setVerifyHost',
    'org.eclipse.jetty.util.ssl.SslContextFactory.setEndpointIdentificationAlgorithm',
    'javax.mail (mail.*.ssl.checkserveridentity)',
  ],
  tokens: [
    'erifyHost',
    'EndpointIdentificationAlgorithm',
    'ndpointIdentificationAlgorithm',
    'checkserveridentity',
    'CheckServerIdentity',
  ],
  fixAvailability: 'sometimes',
  detect(file, report) {
    for (const c of calls(file)) {
      const args = namedArgs(c.node);
      reportVerifyHostCall(kotlinOptionCall(c), KOTLIN_OPTION_VALUES, report);
      if ((c.name === 'put' || c.name === 'setProperty') && c.args.length === 2) {
        const key = stringValue(file, c.args[0]);
        const v = key && MAIL_SSL_CHECK_SERVER_IDENTITY.test(key) ? mailFalse(c.args[1]) : undefined;
        if (v)
          report({
            range: callNameRange(c),
            message: `\`${key}\` is set to false: the mail server's certificate is not matched to its host name.`,
            state: v,
          });
      } else if (args.has('verifyHost') && isBool(args.get('verifyHost'), false)) {
        const v = args.get('verifyHost')!;
        report({
          node: v.parent ?? v,
          message: '`verifyHost = false`: the server certificate is not matched to the host name.',
          state: { value: v, newText: 'true' },
        });
      }
    }
    for (const a of assignments(file)) {
      if (
        a.target.type === 'navigation_expression' &&
        PROPS.includes(simpleName(a.target) ?? '') &&
        isBool(a.value, false)
      ) {
        report({
          node: a.node,
          message: `\`${a.target.text} = false\`: the server certificate is not matched to the host name.`,
          state: { value: a.value, newText: 'true' },
        });
      } else if (
        a.target.type === 'navigation_expression' &&
        simpleName(a.target) === 'endpointIdentificationAlgorithm' &&
        a.value.text === 'null' &&
        !/param/i.test(named(a.target)[0]?.text ?? '')
      ) {
        report({
          node: a.node,
          message: '`endpointIdentificationAlgorithm = null`: the server certificate is not matched to the host name.',
          state: { value: a.value, newText: '"HTTPS"' },
        });
      } else if (
        a.target.type === 'navigation_expression' &&
        simpleName(a.target) === 'endpointIdentificationAlgorithm' &&
        KOTLIN_OPTION_VALUES.noneUnder(a.value)
      ) {
        report({
          node: a.node,
          message:
            '`endpointIdentificationAlgorithm` is given no algorithm on one branch: the server certificate is then not matched to the host name.',
          flag: KOTLIN_OPTION_VALUES.noneUnder(a.value),
        });
      } else if (a.target.type === 'index_expression') {
        const key = stringValue(file, named(a.target)[1]);
        const v = key && MAIL_SSL_CHECK_SERVER_IDENTITY.test(key) ? mailFalse(a.value) : undefined;
        if (v)
          report({
            node: a.node,
            message: `\`${key}\` is set to false: the mail server's certificate is not matched to its host name.`,
            state: v,
          });
      }
    }
  },
  fix: (_file, r) => optionFix(r.state, (newText) => `Verify host names (\`${newText}\`)`),
  examples: {
    kotlin: {
      bad: `
        import io.vertx.ext.web.client.WebClientOptions

        val options = WebClientOptions().setSsl(true).setVerifyHost(false)
      `,
      good: `
        import io.vertx.ext.web.client.WebClientOptions

        val options = WebClientOptions().setSsl(true).setVerifyHost(true)
      `,
    },
  },
});
