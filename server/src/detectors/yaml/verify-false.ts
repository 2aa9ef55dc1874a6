import { flipBoolean, isYamlFalse, unquote, yamlPairs, type YamlPair } from '../../engine/languages/yaml';
import { defineDetector } from '../../engine/detector';

const KEY =
  /^(validate[-_]?certs|ssl[-_]?verify|verify[-_]?ssl|tls[-_]?verify|verify[-_]?tls|ssl[-_]?verification|verify[-_]?certs?|check[-_]?certificate)$/i;

export const detector = defineDetector<{ pair: YamlPair }>({
  id: 'yaml.verify-false',
  summary: 'Verification switched off by a false value.',
  docs: `
    Verification switched off by a false value: Ansible \`validate_certs: no\`, \`ssl_verify: false\`,
    \`verify_ssl: false\`, \`tls_verify: false\`, \`sslVerify: false\`.
  `,
  rule: 'cert-verification-disabled',
  languages: ['yaml'],
  apis: ['Ansible validate_certs', 'ssl_verify', 'verify_ssl', 'tls_verify', 'sslVerify'],
  tokens: ['erif', 'ERIF', 'alidate_certs'],
  fixAvailability: 'always',
  detect(file, report) {
    for (const p of yamlPairs(file)) {
      if (!KEY.test(p.key) || !p.scalar || !isYamlFalse(unquote(p.raw))) continue;
      report({
        range: { start: p.start, end: p.end },
        message: `\`${p.key}: ${p.raw.trim()}\` turns off certificate verification.`,
        state: { pair: p },
      });
    }
  },
  fix(_file, r) {
    const p = r.state.pair;
    const quote = /^\s*(["'])/.exec(p.raw)?.[1] ?? '';
    const flipped = flipBoolean(unquote(p.raw));
    if (!flipped) return undefined;
    return {
      title: `Verify certificates (\`${p.key}: ${flipped}\`)`,
      safety: 'safe',
      edits: [{ start: p.valueStart, end: p.valueEnd, newText: quote + flipped + quote }],
    };
  },
  examples: {
    yaml: {
      bad: `
        - name: fetch
          ansible.builtin.get_url:
            url: https://example.com/a.tgz
            dest: /tmp/a.tgz
            validate_certs: no
      `,
      good: `
        - name: fetch
          ansible.builtin.get_url:
            url: https://example.com/a.tgz
            dest: /tmp/a.tgz
      `,
    },
  },
});
