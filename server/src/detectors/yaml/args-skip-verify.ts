import { yamlSequenceItems } from '../../engine/languages/yaml';
import { defineDetector } from '../../engine/detector';

/**
 * Server flags in a container's argument list that turn certificate verification off: metrics-server's
 * `--kubelet-insecure-tls`, and the `--insecure-skip-tls-verify` / `--tls-skip-verify` / `--skip-tls-verify`
 * flags of kubectl-, Vault- and kaniko-style images (bare or `=true`).
 */
const FLAG = /^--(kubelet-insecure-tls|insecure-skip-tls-verify|tls-skip-verify|skip-tls-verify)(=(true|1))?$/i;

export const detector = defineDetector({
  id: 'yaml.args-skip-verify',
  summary: "Container arguments that turn certificate verification off (metrics-server's `--kubelet-insecure-tls`...).",
  docs: `
    Container arguments (\`args:\`/\`command:\` lists of Kubernetes pods, Helm templates and compose services)
    that turn certificate verification off: metrics-server's \`--kubelet-insecure-tls\`, and
    \`--insecure-skip-tls-verify\`, \`--tls-skip-verify\`, \`--skip-tls-verify\` (bare or \`=true\`).
  `,
  rule: 'cert-verification-disabled',
  languages: ['yaml'],
  apis: ['metrics-server --kubelet-insecure-tls', 'args: --insecure-skip-tls-verify'],
  tokens: ['insecure-tls', 'skip-tls-verify', 'tls-skip-verify'],
  fixAvailability: 'none',
  detect(file, report) {
    for (const item of yamlSequenceItems(file, ['args', 'command'])) {
      const raw = item.raw.trim().replace(/^(["'])(.*)\1$/, '$2');
      if (!FLAG.test(raw)) continue;
      report({
        range: { start: item.start, end: item.end },
        message: `\`${raw}\` in the container's arguments: the server's certificate is not verified.`,
      });
    }
  },
  examples: {
    yaml: {
      bad: `
        containers:
          - name: metrics-server
            image: registry.k8s.io/metrics-server/metrics-server:v0.7.2
            args:
              - --kubelet-insecure-tls
      `,
      good: `
        containers:
          - name: metrics-server
            image: registry.k8s.io/metrics-server/metrics-server:v0.7.2
            args:
              - --kubelet-preferred-address-types=InternalIP
      `,
    },
  },
});
