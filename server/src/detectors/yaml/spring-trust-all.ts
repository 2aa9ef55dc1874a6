import { defineDetector } from '../../engine/detector';
import {
  SPRING_SWITCH_TOKENS,
  reportSwitches,
  switchFix,
  yamlSwitchEntries,
  type SwitchState,
} from '../../engine/spring-settings';

export const detector = defineDetector<SwitchState>({
  id: 'yaml.spring-trust-all',
  summary:
    'Spring settings in YAML that accept any server certificate (Spring Cloud Gateway `useInsecureTrustManager: true`, `skip-ssl-validation: true`, `keycloak.disable-trust-manager: true`).',
  docs: `
    The \`application.yml\` twin of \`properties.spring-trust-all\`: Spring Cloud Gateway's
    \`spring.cloud.gateway.httpclient.ssl.use-insecure-trust-manager: true\` (nested or dotted, in any of Spring's
    spellings), \`skip-ssl-validation: true\` (Spring Cloud Config Server's Git and Vault backends, the Cloud Foundry
    actuator), Spring AMQP's \`spring.rabbitmq.ssl.validate-server-certificate: false\` and the Keycloak adapter's
    \`keycloak.disable-trust-manager: true\`. A placeholder whose default is the insecure value
    (\`\${GATEWAY_INSECURE:true}\`) is reported as an opt-in path, without a fix. The fix writes the secure boolean
    (unsafe: a server with a private or self-signed certificate then needs a trust store).
  `,
  rule: 'cert-verification-disabled',
  languages: ['yaml'],
  apis: [
    'spring.cloud.gateway.httpclient.ssl.use-insecure-trust-manager',
    'spring.cloud.config.server.git.skip-ssl-validation',
    'spring.rabbitmq.ssl.validate-server-certificate',
    'keycloak.disable-trust-manager',
  ],
  tokens: SPRING_SWITCH_TOKENS,
  fixAvailability: 'sometimes',
  detect(file, report) {
    reportSwitches(yamlSwitchEntries(file), 'cert-verification-disabled', report);
  },
  fix: (_file, r) => switchFix('cert-verification-disabled', r.state),
  examples: {
    yaml: {
      bad: `
        spring:
          cloud:
            gateway:
              httpclient:
                ssl:
                  useInsecureTrustManager: true
      `,
      good: `
        spring:
          cloud:
            gateway:
              httpclient:
                ssl:
                  trustedX509Certificates:
                    - classpath:backend-ca.pem
      `,
    },
  },
});
