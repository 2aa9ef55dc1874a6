import { defineDetector } from '../../engine/detector';
import { unquote, yamlEnvEntries, yamlNameValueEntries, yamlPairs } from '../../engine/languages/yaml';
import { SPRING_SWITCH_TOKENS, readSwitch } from '../../engine/spring-settings';
import type { Range } from '../../engine/types';

export const detector = defineDetector<{ value: Range; secure: string } | undefined>({
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
    for (const p of yamlPairs(file)) {
      if (!p.scalar || p.inSequence) continue;
      // An environment variable (compose `environment:`) is read on its own; a nested key with its path.
      const key = /^[A-Z][A-Z0-9_]*$/.test(p.key) ? p.key : [...p.path, p.key].join('.');
      const r = readSwitch(key, unquote(p.raw), 'cert-verification-disabled');
      if (!r) continue;
      const value = { start: p.valueStart, end: p.valueEnd };
      report({
        range: { start: p.start, end: p.end },
        message:
          r.kind === 'default'
            ? `\`${p.key}\` defaults to accepting any certificate: unless the deployment sets it, the ${r.owner} client does not verify the server.`
            : `\`${p.key}: ${p.raw.trim()}\`: the ${r.owner} client accepts any server certificate.`,
        flag: r.kind === 'default' ? value : undefined,
        state: r.kind === 'insecure' ? { value, secure: r.secure } : undefined,
      });
    }
    // Environment variables in lists: compose `- NAME=value`, Kubernetes' `- name:` / `value:`.
    for (const e of [...yamlEnvEntries(file), ...yamlNameValueEntries(file)]) {
      if (!/^[A-Z][A-Z0-9_]*$/.test(e.name)) continue;
      const r = readSwitch(e.name, e.value, 'cert-verification-disabled');
      if (r?.kind !== 'insecure') continue;
      report({
        range: { start: e.start, end: e.end },
        message: `\`${e.name}=${e.value}\`: the ${r.owner} client accepts any server certificate.`,
        state: { value: { start: e.valueStart, end: e.valueEnd }, secure: r.secure },
      });
    }
  },
  fix(_file, r) {
    if (!r.state) return undefined;
    return {
      title: `Verify the server certificate (\`${r.state.secure}\`)`,
      safety: 'unsafe',
      edits: [{ start: r.state.value.start, end: r.state.value.end, newText: r.state.secure }],
    };
  },
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
