import { YAML_ENV_KEYS, unquote, yamlEnvEntries, yamlPairs } from '../../engine/languages/yaml';
import { INSECURE_ENV_NAMES, insecureEnv } from '../../engine/tls-env';
import { defineDetector } from '../../engine/detector';
import type { Range } from '../../engine/types';

interface State {
  value: Range;
  raw: string;
  secureValue?: string | undefined;
}

const ENV_KEYS = [...YAML_ENV_KEYS, 'global_env'];

function requote(raw: string, value: string): string {
  const q = /^\s*(["'])/.exec(raw)?.[1];
  return q ? `${q}${value}${q}` : value;
}

export const detector = defineDetector<State>({
  id: 'yaml.tls-env',
  summary: 'TLS-disabling environment variables in YAML.',
  docs: `
    TLS-disabling environment variables in YAML: GitHub Actions/GitLab \`env:\`/\`variables:\` maps,
    Kubernetes \`env: [{name, value}]\` lists, docker-compose \`environment:\` maps and \`A=B\` lists.
  `,
  rule: 'cert-verification-disabled',
  languages: ['yaml'],
  apis: INSECURE_ENV_NAMES,
  tokens: INSECURE_ENV_NAMES,
  fixAvailability: 'sometimes',
  detect(file, report) {
    for (const p of yamlPairs(file)) {
      if (p.scalar && !p.inSequence && ENV_KEYS.includes(p.path[p.path.length - 1] ?? '')) {
        // Map form: env: { NODE_TLS_REJECT_UNAUTHORIZED: "0" }.
        const bad = insecureEnv(p.key, unquote(p.raw));
        if (bad)
          report({
            range: { start: p.start, end: p.end },
            message: `\`${p.key}: ${p.raw.trim()}\`: ${bad.reason}.`,
            state: { value: { start: p.valueStart, end: p.valueEnd }, raw: p.raw, secureValue: bad.secureValue },
          });
      } else if (p.key === 'name' && p.scalar && INSECURE_ENV_NAMES.includes(unquote(p.raw))) {
        // Kubernetes form: - name: NODE_TLS_REJECT_UNAUTHORIZED / value: "0".
        const value = p.siblings.find((s) => s.key === 'value' && s.scalar);
        const bad = value ? insecureEnv(unquote(p.raw), unquote(value.raw)) : undefined;
        if (value && bad) {
          report({
            range: { start: p.start, end: value.end },
            message: `\`${unquote(p.raw)}\` set to \`${value.raw.trim()}\`: ${bad.reason}.`,
            state: {
              value: { start: value.valueStart, end: value.valueEnd },
              raw: value.raw,
              secureValue: bad.secureValue,
            },
          });
        }
      }
    }
    // List form: environment: [ "NODE_TLS_REJECT_UNAUTHORIZED=0" ].
    for (const e of yamlEnvEntries(file, ENV_KEYS)) {
      const bad = insecureEnv(e.name, e.value);
      if (!bad) continue;
      report({
        range: { start: e.start, end: e.end },
        message: `\`${e.name}=${e.value}\`: ${bad.reason}.`,
        state: { value: { start: e.valueStart, end: e.valueEnd }, raw: e.value, secureValue: bad.secureValue },
      });
    }
  },
  fix(_file, r) {
    const { value, raw, secureValue } = r.state;
    if (!secureValue) return undefined;
    return {
      title: `Keep verification on (\`${secureValue}\`)`,
      safety: 'safe',
      edits: [{ ...value, newText: requote(raw, secureValue) }],
    };
  },
  examples: {
    yaml: {
      bad: `
        jobs:
          test:
            runs-on: ubuntu-latest
            env:
              NODE_TLS_REJECT_UNAUTHORIZED: "0"
      `,
      good: `
        jobs:
          test:
            runs-on: ubuntu-latest
            env:
              NODE_ENV: test
      `,
    },
  },
});
