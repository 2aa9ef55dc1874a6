import { defineDetector } from '../../engine/detector';
import { unquote, yamlEnvEntries, yamlNameValueEntries, yamlPairs } from '../../engine/languages/yaml';
import { SPRING_SWITCH_TOKENS, readSwitch } from '../../engine/spring-settings';
import type { Range } from '../../engine/types';

export const detector = defineDetector<{ value: Range; secure: string } | undefined>({
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
    for (const p of yamlPairs(file)) {
      if (!p.scalar || p.inSequence) continue;
      // An environment variable (compose `environment:`) is read on its own; a nested key with its path.
      const key = /^[A-Z][A-Z0-9_]*$/.test(p.key) ? p.key : [...p.path, p.key].join('.');
      const r = readSwitch(key, unquote(p.raw), 'hostname-verification-disabled');
      if (!r) continue;
      const value = { start: p.valueStart, end: p.valueEnd };
      report({
        range: { start: p.start, end: p.end },
        message:
          r.kind === 'default'
            ? `\`${p.key}\` defaults to skipping the host name check: unless the deployment sets it, the ${r.owner} client accepts a certificate for any host.`
            : `\`${p.key}: ${p.raw.trim()}\`: the ${r.owner} client accepts a certificate issued for any host.`,
        flag: r.kind === 'default' ? value : undefined,
        state: r.kind === 'insecure' ? { value, secure: r.secure } : undefined,
      });
    }
    // Environment variables in lists: compose `- NAME=value`, Kubernetes' `- name:` / `value:`.
    for (const e of [...yamlEnvEntries(file), ...yamlNameValueEntries(file)]) {
      if (!/^[A-Z][A-Z0-9_]*$/.test(e.name)) continue;
      const r = readSwitch(e.name, e.value, 'hostname-verification-disabled');
      if (r?.kind !== 'insecure') continue;
      report({
        range: { start: e.start, end: e.end },
        message: `\`${e.name}=${e.value}\`: the ${r.owner} client accepts a certificate issued for any host.`,
        state: { value: { start: e.valueStart, end: e.valueEnd }, secure: r.secure },
      });
    }
  },
  fix(_file, r) {
    if (!r.state) return undefined;
    return {
      title: `Check the host name (\`${r.state.secure}\`)`,
      safety: 'unsafe',
      edits: [{ start: r.state.value.start, end: r.state.value.end, newText: r.state.secure }],
    };
  },
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
