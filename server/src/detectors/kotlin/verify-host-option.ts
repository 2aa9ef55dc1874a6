import type { Node } from 'web-tree-sitter';
import { assignments, calls, isBool, named, namedArgs, simpleName } from '../../engine/languages/kotlin';
import { defineDetector } from '../../engine/detector';
import { optionFix, reportVerifyHostCall, type OptionState } from '../jvm/support/client-options';
import { MAIL_SSL_CHECK_SERVER_IDENTITY } from '../jvm/support/javamail';
import {
  KOTLIN_OPTION_VALUES,
  boolPropertyAssignments,
  kotlinOptionCall,
  mailPropertyWrites,
} from '../jvm/support/kotlin-options';

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
    \`setSSLCheckServerIdentity(false)\`, the DataStax driver's \`withBoolean(DefaultDriverOption.SSL_HOSTNAME_VALIDATION, false)\`
    and Kafka's \`put(SslConfigs.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_CONFIG, "")\`. Fixed to true / "HTTPS".
  `,
  rule: 'hostname-verification-disabled',
  languages: ['kotlin'],
  apis: [
    'io.vertx.core.net.ClientOptionsBase.setVerifyHost',
    'org.eclipse.jetty.util.ssl.SslContextFactory.setEndpointIdentificationAlgorithm',
    'javax.mail (mail.*.ssl.checkserveridentity)',
    'com.datastax.oss.driver.api.core.config.DefaultDriverOption.SSL_HOSTNAME_VALIDATION',
    'org.apache.kafka.common.config.SslConfigs.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_CONFIG',
  ],
  tokens: [
    'erifyHost',
    'EndpointIdentificationAlgorithm',
    'ndpointIdentificationAlgorithm',
    'checkserveridentity',
    'CheckServerIdentity',
    'HOSTNAME_VALIDATION',
    'HOSTNAME_VERIFICATION',
    'HOST_NAME_V',
    'hostname-validation',
    'hostname-verification',
    'ENDPOINT_IDENTIFICATION',
    'endpoint.identification',
    'invalidHostNameAllowed',
    'SslVerifyMode',
  ],
  fixAvailability: 'sometimes',
  detect(file, report) {
    for (const c of calls(file)) {
      const args = namedArgs(c.node);
      reportVerifyHostCall(kotlinOptionCall(c), KOTLIN_OPTION_VALUES, report);
      if (args.has('verifyHost') && isBool(args.get('verifyHost'), false)) {
        const v = args.get('verifyHost')!;
        report({
          node: v.parent ?? v,
          message: '`verifyHost = false`: the server certificate is not matched to the host name.',
          state: { value: v, newText: 'true' },
        });
      }
    }
    for (const a of boolPropertyAssignments(file, PROPS, false)) {
      report({
        node: a.node,
        message: `\`${a.target.text} = false\`: the server certificate is not matched to the host name.`,
        state: { value: a.value, newText: 'true' },
      });
    }
    for (const w of mailPropertyWrites(file, MAIL_SSL_CHECK_SERVER_IDENTITY)) {
      const v = mailFalse(w.value);
      if (v)
        report({
          ...w.at,
          message: `\`${w.key}\` is set to false: the mail server's certificate is not matched to its host name.`,
          state: v,
        });
    }
    for (const a of assignments(file)) {
      if (
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
