import { defineDetector } from '../../engine/detector';
import {
  SPRING_SWITCH_TOKENS,
  reportSwitches,
  switchFix,
  propertySwitchEntries,
  type SwitchState,
} from '../../engine/spring-settings';

export const detector = defineDetector<SwitchState>({
  id: 'properties.spring-trust-all',
  summary:
    'Spring settings in a `.properties` file that accept any server certificate (`spring.cloud.gateway.httpclient.ssl.use-insecure-trust-manager=true`, `*.skip-ssl-validation=true`, `keycloak.disable-trust-manager=true`).',
  docs: `
    Spring Boot and Spring Cloud settings whose value makes a client accept any certificate: Spring Cloud
    Gateway's \`spring.cloud.gateway.httpclient.ssl.use-insecure-trust-manager=true\`, the \`skip-ssl-validation=true\`
    of Spring Cloud Config Server's Git and Vault backends and of the Cloud Foundry actuator, Spring AMQP's
    \`spring.rabbitmq.ssl.validate-server-certificate=false\`, and the Keycloak adapter's
    \`keycloak.disable-trust-manager=true\`. Keys are matched as Spring binds them (kebab, camel or snake case). A
    placeholder whose default is the insecure value (\`\${GATEWAY_INSECURE:true}\`) is reported as an opt-in path,
    without a fix. The fix writes the secure boolean (unsafe: a server with a private or self-signed certificate
    then needs a trust store).
  `,
  rule: 'cert-verification-disabled',
  languages: ['properties'],
  apis: [
    'spring.cloud.gateway.httpclient.ssl.use-insecure-trust-manager',
    'spring.cloud.config.server.git.skip-ssl-validation',
    'spring.rabbitmq.ssl.validate-server-certificate',
    'keycloak.disable-trust-manager',
  ],
  tokens: SPRING_SWITCH_TOKENS,
  fixAvailability: 'sometimes',
  detect(file, report) {
    reportSwitches(propertySwitchEntries(file), 'cert-verification-disabled', report);
  },
  fix: (_file, r) => switchFix('cert-verification-disabled', r.state),
  examples: {
    properties: {
      bad: `
        spring.cloud.gateway.httpclient.ssl.use-insecure-trust-manager=true
      `,
      good: `
        spring.cloud.gateway.httpclient.ssl.trusted-x509-certificates[0]=classpath:backend-ca.pem
      `,
    },
  },
});
