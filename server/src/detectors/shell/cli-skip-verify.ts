import { CODE_LANGUAGES, commandsOf, mayHoldCommands, wordAt, type Word } from '../../engine/cmdline';
import { defineDetector } from '../../engine/detector';

/**
 * Documented command-line flags that turn certificate verification off, per program: the flag as written
 * bare (or `=true`), and flags whose `=false`/`=no` value does (`--tls-verify=false`).
 */
const BARE: Record<string, string[]> = {
  kubectl: ['--insecure-skip-tls-verify'],
  helm: ['--insecure-skip-tls-verify'],
  oc: ['--insecure-skip-tls-verify'],
  etcdctl: ['--insecure-skip-tls-verify'],
  vault: ['-tls-skip-verify', '--tls-skip-verify'],
  nomad: ['-tls-skip-verify', '--tls-skip-verify'],
  aws: ['--no-verify-ssl'],
  grpcurl: ['-insecure', '--insecure'],
  argocd: ['--insecure'],
  executor: ['--skip-tls-verify', '--skip-tls-verify-pull'],
  mc: ['--insecure'],
};
const FALSE_VALUED: Record<string, string[]> = {
  skopeo: ['--tls-verify', '--src-tls-verify', '--dest-tls-verify'],
  podman: ['--tls-verify'],
  buildah: ['--tls-verify'],
  http: ['--verify'],
  https: ['--verify'],
};
const TRUE = /^(true|1)$/i;
const FALSE = /^(false|no|0)$/i;

export const detector = defineDetector<{ word: Word }>({
  id: 'shell.cli-skip-verify',
  summary:
    'Command-line tools told to skip certificate verification (kubectl/helm/oc --insecure-skip-tls-verify, vault -tls-skip-verify, aws --no-verify-ssl...).',
  docs: `
    Command-line tools told to skip certificate verification: kubectl, helm, oc and etcdctl
    \`--insecure-skip-tls-verify\`, Vault and Nomad \`-tls-skip-verify\`, the AWS CLI's \`--no-verify-ssl\`,
    grpcurl \`-insecure\`, Argo CD \`--insecure\`, kaniko \`--skip-tls-verify\`, MinIO's mc \`--insecure\`,
    skopeo/podman/buildah \`--tls-verify=false\`, HTTPie \`--verify=no\`. In scripts, CI YAML and
    Dockerfiles, and in command lines built in code, as for curl -k.
  `,
  rule: 'cert-verification-disabled',
  languages: ['shell', 'dockerfile', 'yaml', ...CODE_LANGUAGES],
  apis: [
    'kubectl --insecure-skip-tls-verify',
    'helm --insecure-skip-tls-verify',
    'vault -tls-skip-verify',
    'aws --no-verify-ssl',
  ],
  textScreen: mayHoldCommands,
  tokens: ['insecure', 'skip-verify', 'no-verify-ssl', 'tls-verify', '--verify'],
  fixAvailability: 'sometimes',
  detect(file, report) {
    for (const cmd of commandsOf(file)) {
      const bare = BARE[cmd.name];
      const valued = FALSE_VALUED[cmd.name];
      if (!bare && !valued) continue;
      for (const w of cmd.args) {
        const v = w.value;
        if (v === undefined) continue;
        if (v === '--') break;
        const eq = v.indexOf('=');
        const flag = eq < 0 ? v : v.slice(0, eq);
        const value = eq < 0 ? undefined : v.slice(eq + 1);
        const hit =
          (bare?.includes(flag) && (value === undefined || TRUE.test(value))) ||
          (valued?.includes(flag) && value !== undefined && FALSE.test(value));
        if (!hit) continue;
        report({
          ...wordAt(w),
          message: `\`${cmd.name} ${v}\` accepts any server certificate.`,
          state: { word: w },
        });
      }
    }
  },
  fix(_file, r) {
    const { word } = r.state;
    if (!word.remove || word.value === undefined || word.value.includes('=')) return undefined;
    return {
      title: `Verify the certificate (remove \`${word.value}\`)`,
      safety: 'unsafe',
      edits: [{ ...word.remove, newText: '' }],
    };
  },
  examples: {
    shell: {
      bad: `
        kubectl --insecure-skip-tls-verify get pods
      `,
      good: `
        kubectl --certificate-authority=/etc/kubernetes/ca.crt get pods
      `,
    },
  },
});
