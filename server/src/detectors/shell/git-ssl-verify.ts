import {
  CODE_LANGUAGES,
  commandsOf,
  mayHoldCommands,
  valueSuffix,
  wordAt,
  wordSpan,
  type Word,
} from '../../engine/cmdline';
import { defineDetector } from '../../engine/detector';
import type { Range } from '../../engine/types';

const KEY = /^http\.(?:.+\.)?sslverify$/i;
const FALSY = /^(false|no|off|0)$/i;

/** The edit that turns the falsy end of a word's value into `true`, when written verbatim. */
function valueEdit(word: Word, length: number): { value: Range; newText: string } | undefined {
  const value = valueSuffix(word, length);
  return value && { value, newText: 'true' };
}

export const detector = defineDetector<{ value: Range; newText: string } | undefined>({
  id: 'shell.git-ssl-verify',
  summary: "git's http.sslVerify turned off, through `git config` or `git -c`, in scripts and in code.",
  docs: `
    git's http.sslVerify turned off, through \`git config\` or \`git -c\`.

    Also in command lines built in code: \`['git', '-c', 'http.sslVerify=false', 'clone', url]\`,
    \`exec.Command("git", "config", "http.sslVerify", "false")\`, \`execSync('git config ...')\`, and
    lists built up then run (a flag-controlled append is an opt-in path). The fix sets \`true\` where the
    value is written verbatim.
  `,
  rule: 'cert-verification-disabled',
  languages: ['shell', 'dockerfile', 'yaml', ...CODE_LANGUAGES],
  apis: ['git config http.sslVerify false', 'git -c http.sslVerify=false'],
  textScreen: mayHoldCommands,
  tokens: ['sslVerify', 'sslverify', 'SSLVERIFY', 'SslVerify'],
  fixAvailability: 'sometimes',
  detect(file, report) {
    for (const cmd of commandsOf(file)) {
      if (cmd.name !== 'git') continue;
      const args = cmd.args;
      for (let i = 0; i < args.length; i++) {
        const v = args[i].value;
        if (v === undefined) continue;
        if (v === '-c' && args[i + 1]?.value) {
          const kv = args[i + 1].value!;
          const eq = kv.indexOf('=');
          if (eq > 0 && KEY.test(kv.slice(0, eq)) && FALSY.test(kv.slice(eq + 1))) {
            const word = args[i + 1];
            report({
              ...wordAt(word),
              message: `\`git -c ${kv}\` turns off certificate verification for this command.`,
              state: valueEdit(word, kv.length - eq - 1),
            });
          }
          i++;
        } else if (
          args[0]?.value === 'config' &&
          KEY.test(v) &&
          args[i + 1]?.value !== undefined &&
          FALSY.test(args[i + 1].value!)
        ) {
          const value = args[i + 1];
          report({
            ...wordSpan(args[i], value),
            message: `\`git config ${v} ${value.value}\` turns off certificate verification for HTTPS remotes.`,
            state: valueEdit(value, value.value!.length),
          });
        }
      }
    }
  },
  fix(_file, r) {
    if (!r.state) return undefined;
    const { value, newText } = r.state;
    return { title: 'Verify certificates (`http.sslVerify true`)', safety: 'safe', edits: [{ ...value, newText }] };
  },
  examples: {
    python: {
      bad: `
        import subprocess
        subprocess.run(["git", "-c", "http.sslVerify=false", "clone", "https://example.com/r.git"])
      `,
      good: `
        import subprocess
        subprocess.run(["git", "clone", "https://example.com/r.git"])
      `,
    },
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
