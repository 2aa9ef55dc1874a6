import { flipBoolean, isYamlTrue, yamlPairs, type YamlPair } from '../../engine/languages/yaml';
import { defineDetector } from '../../engine/detector';

const KEY = /^(insecure[-_]?skip[-_]?(tls[-_]?)?verify|tls[-_]?skip[-_]?verify|skip[-_]?(tls|ssl)[-_]?verify)$/i;

export const detector = defineDetector<{ pair: YamlPair }>({
  id: 'yaml.insecure-skip-tls-verify',
  summary: '`insecure-skip-tls-verify: true` and its spellings.',
  docs: `
    \`insecure-skip-tls-verify: true\` and its spellings: kubeconfig clusters, Kubernetes APIService
    (insecureSkipTLSVerify), Prometheus/Grafana tls_config (insecure_skip_verify), Traefik/Prometheus
    Operator (insecureSkipVerify), Vault (tls_skip_verify).
  `,
  rule: 'cert-verification-disabled',
  languages: ['yaml'],
  apis: [
    'kubeconfig insecure-skip-tls-verify',
    'APIService insecureSkipTLSVerify',
    'tls_config insecure_skip_verify',
    'insecureSkipVerify',
    'tls_skip_verify',
  ],
  tokens: ['kip', 'KIP'],
  fixAvailability: 'always',
  detect(file, report) {
    for (const p of yamlPairs(file)) {
      if (!KEY.test(p.key) || !p.scalar || !isYamlTrue(p.raw)) continue;
      report({
        range: { start: p.start, end: p.end },
        message: `\`${p.key}: ${p.raw.trim()}\` accepts any server certificate.`,
        state: { pair: p },
      });
    }
  },
  fix(_file, r) {
    const p = r.state.pair;
    const flipped = flipBoolean(p.raw);
    if (!flipped) return undefined;
    return {
      title: `Verify the certificate (\`${p.key}: ${flipped}\`)`,
      safety: 'safe',
      edits: [{ start: p.valueStart, end: p.valueEnd, newText: flipped }],
    };
  },
  examples: {
    yaml: {
      bad: `
        clusters:
        - cluster:
            server: https://k8s.example.com:6443
            insecure-skip-tls-verify: true
          name: prod
      `,
      good: `
        clusters:
        - cluster:
            server: https://k8s.example.com:6443
            certificate-authority: ca.crt
          name: prod
      `,
    },
  },
});
