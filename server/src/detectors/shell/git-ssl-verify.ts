import { shellCommands } from '../../engine/languages/shell';
import { defineDetector } from '../../engine/detector';
import type { Range } from '../../engine/types';

const KEY = /^http\.(?:.+\.)?sslverify$/i;
const FALSY = /^(false|no|off|0)$/i;

export const detector = defineDetector<{ value: Range; newText: string }>({
  id: 'shell.git-ssl-verify',
  summary: "git's http.sslVerify turned off, through `git config` or `git -c`.",
  docs: `
    git's http.sslVerify turned off, through \`git config\` or \`git -c\`.
  `,
  rule: 'cert-verification-disabled',
  languages: ['shell', 'dockerfile', 'yaml'],
  apis: ['git config http.sslVerify false', 'git -c http.sslVerify=false'],
  tokens: ['sslVerify', 'sslverify', 'SSLVERIFY', 'SslVerify'],
  fixAvailability: 'always',
  detect(file, report) {
    for (const cmd of shellCommands(file)) {
      if (cmd.name !== 'git') continue;
      const args = cmd.args;
      for (let i = 0; i < args.length; i++) {
        const v = args[i].value;
        if (v === undefined) continue;
        if (v === '-c' && args[i + 1]?.value) {
          const kv = args[i + 1].value!;
          const eq = kv.indexOf('=');
          if (eq > 0 && KEY.test(kv.slice(0, eq)) && FALSY.test(kv.slice(eq + 1))) {
            const node = args[i + 1].node;
            const valueStart = node.endIndex - (node.text.length - node.text.indexOf('=') - 1);
            report({
              node,
              message: `\`git -c ${kv}\` turns off certificate verification for this command.`,
              state: {
                value: { start: valueStart, end: node.endIndex - (/['"]$/.test(node.text) ? 1 : 0) },
                newText: 'true',
              },
            });
          }
          i++;
        } else if (
          args[0]?.value === 'config' &&
          KEY.test(v) &&
          args[i + 1]?.value !== undefined &&
          FALSY.test(args[i + 1].value!)
        ) {
          const valueNode = args[i + 1].node;
          report({
            range: { start: args[i].node.startIndex, end: valueNode.endIndex },
            message: `\`git config ${v} ${args[i + 1].value}\` turns off certificate verification for HTTPS remotes.`,
            state: { value: { start: valueNode.startIndex, end: valueNode.endIndex }, newText: 'true' },
          });
        }
      }
    }
  },
  fix(_file, r) {
    const { value, newText } = r.state;
    return { title: 'Verify certificates (`http.sslVerify true`)', safety: 'safe', edits: [{ ...value, newText }] };
  },
  examples: {
    shell: {
      bad: `
        git config --global http.sslVerify false
      `,
      good: `
        git config --global http.sslVerify true
      `,
    },
    dockerfile: {
      bad: `
        FROM debian:12
        RUN git config --global http.sslVerify false
      `,
      good: `
        FROM debian:12
        RUN git config --global http.sslVerify true
      `,
    },
  },
});
