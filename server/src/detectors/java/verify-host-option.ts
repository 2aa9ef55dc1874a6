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
    JDK matches the certificate to the host). Keyed settings too: the DataStax Java driver's
    \`withBoolean(DefaultDriverOption.SSL_HOSTNAME_VALIDATION, false)\` (and \`TypedDriverOption\`, or the
    "advanced.ssl-engine-factory.hostname-validation" path), and Kafka's
    \`props.put(SslConfigs.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_CONFIG, "")\` /
    \`"ssl.endpoint.identification.algorithm"\` set to "", MongoDB's \`invalidHostNameAllowed(true)\` and Lettuce's
    \`withVerifyPeer(SslVerifyMode.CA)\` (chain only). Fixed to true / "HTTPS" ("https" for Kafka). A ternary whose one branch is
    null or "" (\`disable ? "" : "HTTPS"\`) is an opt-in path: reported at its condition, never fixed.
  `,
  rule: 'hostname-verification-disabled',
  languages: ['java'],
  apis: [
    'io.vertx.core.net.ClientOptionsBase.setVerifyHost',
    'org.eclipse.jetty.util.ssl.SslContextFactory.setEndpointIdentificationAlgorithm',
    'javax.net.ssl.SSLParameters.setEndpointIdentificationAlgorithm',
    'io.netty.handler.ssl.SslContextBuilder.endpointIdentificationAlgorithm',
    'com.datastax.oss.driver.api.core.config.DefaultDriverOption.SSL_HOSTNAME_VALIDATION',
    'org.apache.kafka.common.config.SslConfigs.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_CONFIG',
    'com.mongodb.connection.SslSettings.Builder.invalidHostNameAllowed',
  ],
  tokens: [
    'setVerifyHost',
    'ndpointIdentificationAlgorithm',
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
