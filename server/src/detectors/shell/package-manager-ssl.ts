import { shellCommands, type Word } from '../../engine/languages/shell';
import { defineDetector } from '../../engine/detector';
import type { Range } from '../../engine/types';

interface State {
  value?: Range;
  newText?: string;
}

const FALSY = /^(false|no|0)$/i;

export const detector = defineDetector<State>({
  id: 'shell.package-manager-ssl',
  summary: 'Package managers told to skip TLS verification.',
  docs: `
    Package managers told to skip TLS verification: npm/yarn/pnpm strict-ssl, pip --trusted-host, conda ssl_verify.
  `,
  rule: 'cert-verification-disabled',
  languages: ['shell', 'dockerfile', 'yaml'],
  apis: [
    'npm config set strict-ssl false',
    'yarn config set strict-ssl false',
    'pip --trusted-host',
    'conda config --set ssl_verify false',
  ],
  tokens: ['strict-ssl', 'trusted-host', 'ssl_verify'],
  fixAvailability: 'sometimes',
  detect(file, report) {
    for (const cmd of shellCommands(file)) {
      const a = cmd.args;
      const vals = a.map((w) => w.value);
      if (['npm', 'yarn', 'pnpm'].includes(cmd.name)) {
        for (let i = 0; i < a.length; i++) {
          const v = vals[i];
          if (v === undefined) continue;
          // npm config set strict-ssl false | npm set strict-ssl=false | npm install --strict-ssl=false
          const eq = /^(--)?strict-ssl=(.*)$/.exec(v);
          if (eq && FALSY.test(eq[2])) {
            const node = a[i].node;
            report({
              node,
              message: `\`${cmd.name} ${v}\` accepts any registry certificate.`,
              state: { value: { start: node.endIndex - eq[2].length, end: node.endIndex }, newText: 'true' },
            });
          } else if (
            (v === 'strict-ssl' || v === '--strict-ssl') &&
            vals[i + 1] !== undefined &&
            FALSY.test(vals[i + 1]!)
          ) {
            const valueNode = a[i + 1].node;
            report({
              range: { start: a[i].node.startIndex, end: valueNode.endIndex },
              message: `\`${cmd.name} ${v} ${vals[i + 1]}\` accepts any registry certificate.`,
              state: { value: { start: valueNode.startIndex, end: valueNode.endIndex }, newText: 'true' },
            });
          }
        }
      } else if (
        /^pip[0-9.]*$/.test(cmd.name) ||
        (cmd.name.startsWith('python') && vals[0] === '-m' && /^pip/.test(vals[1] ?? ''))
      ) {
        for (let i = 0; i < a.length; i++) {
          const v = vals[i];
          if (
            v === '--trusted-host' ||
            v?.startsWith('--trusted-host=') ||
            ((v === 'global.trusted-host' || v === 'install.trusted-host') && vals.includes('config'))
          ) {
            report({
              node: a[i].node,
              message: '`pip --trusted-host` skips certificate checks (and allows plain HTTP) for that host.',
              state: {},
            });
          }
        }
      } else if (cmd.name === 'conda') {
        for (let i = 0; i < a.length; i++) {
          if (vals[i] === 'ssl_verify' && vals[i + 1] !== undefined && FALSY.test(vals[i + 1]!)) {
            const valueNode = a[i + 1].node;
            report({
              range: { start: a[i].node.startIndex, end: valueNode.endIndex },
              message: '`conda config --set ssl_verify false` skips certificate verification.',
              state: { value: { start: valueNode.startIndex, end: valueNode.endIndex }, newText: 'true' },
            });
          }
        }
      }
    }
  },
  fix(_file, r) {
    const { value, newText } = r.state;
    if (!value || !newText) return undefined;
    return { title: 'Verify certificates (`true`)', safety: 'safe', edits: [{ ...value, newText }] };
  },
  examples: {
    shell: {
      bad: `
        npm config set strict-ssl false
      `,
      good: `
        npm config set strict-ssl true
      `,
    },
    dockerfile: {
      bad: `
        FROM debian:12
        RUN npm config set strict-ssl false
      `,
      good: `
        FROM debian:12
        RUN npm config set strict-ssl true
      `,
    },
  },
});

export type { Word };
