import { defineDetector } from '../../engine/detector';
import {
  SPRING_SWITCH_TOKENS,
  reportSwitches,
  switchFix,
  propertySwitchEntries,
  type SwitchState,
} from '../../engine/spring-settings';

export const detector = defineDetector<SwitchState>({
  id: 'properties.spring-hostname-check',
  summary:
    'Spring settings in a `.properties` file that turn the host name check off (`spring.rabbitmq.ssl.verify-hostname=false`, `keycloak.allow-any-hostname=true`).',
  docs: `
    Spring Boot settings whose value keeps the certificate check but accepts a certificate for any host:
    Spring AMQP's \`spring.rabbitmq.ssl.verify-hostname=false\` and the Keycloak adapter's
    \`keycloak.allow-any-hostname=true\`, matched as Spring binds keys (kebab, camel or snake case). A placeholder
    whose default is the insecure value is reported as an opt-in path, without a fix. The fix writes the secure
    boolean (unsafe: a certificate that does not name the host then fails the handshake).
  `,
  rule: 'hostname-verification-disabled',
  languages: ['properties'],
  apis: ['spring.rabbitmq.ssl.verify-hostname', 'keycloak.allow-any-hostname'],
  tokens: SPRING_SWITCH_TOKENS,
  fixAvailability: 'sometimes',
  detect(file, report) {
    reportSwitches(propertySwitchEntries(file), 'hostname-verification-disabled', report);
  },
  fix: (_file, r) => switchFix('hostname-verification-disabled', r.state),
  examples: {
    properties: {
      bad: `
        spring.rabbitmq.ssl.verify-hostname=false
      `,
      good: `
        spring.rabbitmq.ssl.verify-hostname=true
      `,
    },
  },
});
