import type { Node } from 'web-tree-sitter';
import { shellAssignments } from '../../engine/languages/shell';
import { INSECURE_ENV_NAMES, insecureEnv } from '../../engine/tls-env';
import { defineDetector } from '../../engine/detector';

interface State {
  valueNode?: Node | undefined;
  name: string;
  secureValue?: string | undefined;
}

export const detector = defineDetector<State>({
  id: 'shell.tls-env',
  summary: 'Environment variables that turn TLS verification off.',
  docs: `
    Environment variables that turn TLS verification off (NODE_TLS_REJECT_UNAUTHORIZED=0,
    PYTHONHTTPSVERIFY=0, GIT_SSL_NO_VERIFY...) in shell scripts, Dockerfile ENV/ARG and .env files.
  `,
  rule: 'cert-verification-disabled',
  languages: ['shell', 'dockerfile', 'dotenv'],
  apis: INSECURE_ENV_NAMES,
  tokens: INSECURE_ENV_NAMES,
  fixAvailability: 'sometimes',
  detect(file, report) {
    for (const a of shellAssignments(file)) {
      const bad = insecureEnv(a.name, a.value);
      if (!bad) continue;
      report({
        node: a.node,
        message: `\`${a.name}=${a.value}\`: ${bad.reason}.`,
        state: { valueNode: a.valueNode, name: a.name, secureValue: bad.secureValue },
      });
    }
  },
  fix(_file, r) {
    const { valueNode, name, secureValue } = r.state;
    if (!valueNode || !secureValue) return undefined;
    // A Dockerfile `ENV A=0` word holds the name too.
    const text = valueNode.text;
    const prefix = text.startsWith(name + '=') ? name + '=' : '';
    const quote = /^["']/.exec(text.slice(prefix.length))?.[0] ?? '';
    return {
      title: `Keep verification on (\`${name}=${secureValue}\`)`,
      safety: 'safe',
      edits: [
        { start: valueNode.startIndex, end: valueNode.endIndex, newText: `${prefix}${quote}${secureValue}${quote}` },
      ],
    };
  },
  examples: {
    shell: {
      bad: `
        export NODE_TLS_REJECT_UNAUTHORIZED=0
      `,
      good: `
        export NODE_TLS_REJECT_UNAUTHORIZED=1
      `,
    },
    dockerfile: {
      bad: `
        FROM debian:12
        ENV NODE_TLS_REJECT_UNAUTHORIZED=0
      `,
      good: `
        FROM debian:12
        ENV NODE_TLS_REJECT_UNAUTHORIZED=1
      `,
    },
    dotenv: {
      bad: `
        NODE_TLS_REJECT_UNAUTHORIZED=0
      `,
      good: `
        NODE_TLS_REJECT_UNAUTHORIZED=1
      `,
    },
  },
});
