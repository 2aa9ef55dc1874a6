import { defineDetector } from '../../engine/detector';
import { optionFix, reportVerifyHostCall, type OptionState } from '../jvm/support/client-options';
import { JAVA_OPTION_VALUES, javaOptionCalls } from '../jvm/support/java-options';

export const detector = defineDetector<OptionState>({
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
    for (const c of javaOptionCalls(file)) reportVerifyHostCall(c, JAVA_OPTION_VALUES, report);
  },
  fix: (_file, r) => optionFix(r.state, (newText) => `Verify host names (\`${newText}\`)`),
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
