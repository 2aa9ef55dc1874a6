import { callNameRange, calls, isBool, namedArgs, simpleName, stringValue } from '../../engine/languages/kotlin';
import { defineDetector } from '../../engine/detector';
import { optionFix, reportTrustAllCall, type OptionState } from '../jvm/support/client-options';
import { MAIL_SSL_TRUST } from '../jvm/support/javamail';
import {
  KOTLIN_OPTION_VALUES,
  boolPropertyAssignments,
  kotlinOptionCall,
  mailPropertyWrites,
} from '../jvm/support/kotlin-options';

const PROPS = ['isTrustAll', 'trustAll', 'isTrustAllHosts', 'trustAllHosts'];

export const detector = defineDetector<OptionState>({
  id: 'kotlin.trust-all-option',
  summary: 'Kotlin client options that switch certificate verification off.',
  docs: `
    Kotlin client options that switch certificate verification off: Vert.x \`setTrustAll(true)\`,
    \`isTrustAll = true\` and \`...OptionsOf(trustAll = true)\`, Jetty \`SslContextFactory.Client(true)\`,
    REST Assured \`relaxedHTTPSValidation()\`, JavaMail \`mail.<protocol>.ssl.trust\` = "*" and
    \`MailSSLSocketFactory\` trusting all hosts. Boolean options are fixed back to false.
  `,
  rule: 'cert-verification-disabled',
  languages: ['kotlin'],
  apis: [
    'io.vertx.core.net.ClientOptionsBase.setTrustAll',
    'org.eclipse.jetty.util.ssl.SslContextFactory',
    'io.restassured.RestAssured.useRelaxedHTTPSValidation',
    'javax.mail (mail.*.ssl.trust)',
  ],
  tokens: ['rustAll', 'SslContextFactory', 'elaxedHTTPSValidation', '.ssl.trust', 'erifyPeer', 'useSslProtocol'],
  fixAvailability: 'sometimes',
  detect(file, report) {
    for (const c of calls(file)) {
      const named1 = namedArgs(c.node);
      reportTrustAllCall(kotlinOptionCall(c), KOTLIN_OPTION_VALUES, report);
      if (
        c.name === 'Client' &&
        simpleName(c.receiver) === 'SslContextFactory' &&
        c.args.length === 1 &&
        isBool(c.args[0], true)
      ) {
        report({
          range: callNameRange(c),
          message: '`SslContextFactory.Client(true)` trusts every certificate without verification.',
          state: { value: c.args[0], newText: 'false' },
        });
      } else if (named1.has('trustAll') && isBool(named1.get('trustAll'), true)) {
        const v = named1.get('trustAll')!;
        report({
          node: v.parent ?? v,
          message: '`trustAll = true` accepts every server certificate without verification.',
          state: { value: v, newText: 'false' },
        });
      }
    }
    for (const a of boolPropertyAssignments(file, PROPS, true)) {
      report({
        node: a.node,
        message: `\`${a.target.text} = true\` accepts every server certificate without verification.`,
        state: { value: a.value, newText: 'false' },
      });
    }
    for (const w of mailPropertyWrites(file, MAIL_SSL_TRUST)) {
      if (stringValue(file, w.value)?.trim() === '*')
        report({
          ...w.at,
          message: `\`${w.key}\` is "*": every mail server's certificate is trusted without verification.`,
        });
    }
  },
  fix: (_file, r) => optionFix(r.state, (text) => `Verify certificates (\`${text}\`)`),
  examples: {
    kotlin: {
      bad: `
        import io.vertx.core.http.HttpClientOptions

        val options = HttpClientOptions().setSsl(true).setTrustAll(true)
      `,
      good: `
        import io.vertx.core.http.HttpClientOptions

        val options = HttpClientOptions().setSsl(true)
      `,
    },
  },
});
