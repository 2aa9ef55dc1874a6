import { defineDetector } from '../../engine/detector';
import {
  SPRING_SWITCH_TOKENS,
  reportSwitches,
  switchFix,
  yamlSwitchEntries,
  type SwitchState,
} from '../../engine/spring-settings';

export const detector = defineDetector<SwitchState>({
  id: 'yaml.spring-hostname-check',
  summary:
    'Spring settings in YAML that turn the host name check off (`spring.rabbitmq.ssl.verify-hostname: false`, `keycloak.allow-any-hostname: true`).',
  docs: `
    The \`application.yml\` twin of \`properties.spring-hostname-check\`: Spring AMQP's
    \`spring.rabbitmq.ssl.verify-hostname: false\` and the Keycloak adapter's \`keycloak.allow-any-hostname: true\`,
    nested or dotted, in any of Spring's spellings. A placeholder whose default is the insecure value is reported
    as an opt-in path, without a fix. The fix writes the secure boolean (unsafe: a certificate that does not name
    the host then fails the handshake).
  `,
  rule: 'hostname-verification-disabled',
  languages: ['yaml'],
  apis: ['spring.rabbitmq.ssl.verify-hostname', 'keycloak.allow-any-hostname'],
  tokens: SPRING_SWITCH_TOKENS,
  fixAvailability: 'sometimes',
  detect(file, report) {
    reportSwitches(yamlSwitchEntries(file), 'hostname-verification-disabled', report);
  },
  fix: (_file, r) => switchFix('hostname-verification-disabled', r.state),
  examples: {
    yaml: {
      bad: `
        spring:
          rabbitmq:
            ssl:
              verify-hostname: false
      `,
      good: `
        spring:
          rabbitmq:
            ssl:
              verify-hostname: true
      `,
    },
  },
});
