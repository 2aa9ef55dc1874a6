import {
  CODE_LANGUAGES,
  commandsOf,
  mayHoldCommands,
  valueSuffix,
  wordAt,
  wordSpan,
  type Word,
} from '../../engine/cmdline';
import type { Range } from '../../engine/types';

const FALSY = /^(false|no|0)$/i;
import { defineDetector } from '../../engine/detector';

export const detector = defineDetector<{ word: Word; toTrue?: Range | undefined }>({
  id: 'shell.wget-no-check-certificate',
  summary:
    'wget or aria2c told not to check the server certificate (`--no-check-certificate`, `--check-certificate=false`), in scripts and in code.',
  docs: `
    wget --no-check-certificate, aria2c --check-certificate=false: any server certificate is accepted.

    Also in command lines built in code (argument lists, command strings run by a shell, lists built up
    then run), as for curl -k.
  `,
  rule: 'cert-verification-disabled',
  languages: ['shell', 'dockerfile', 'yaml', ...CODE_LANGUAGES],
  apis: ['wget --no-check-certificate', 'aria2c --check-certificate=false'],
  textScreen: mayHoldCommands,
  tokens: ['check-certificate'],
  fixAvailability: 'sometimes',
  detect(file, report) {
    for (const cmd of commandsOf(file)) {
      if (cmd.name === 'aria2c') {
        const a = cmd.args;
        for (let i = 0; i < a.length; i++) {
          const v = a[i].value;
          const eq = v?.startsWith('--check-certificate=') ? v.slice('--check-certificate='.length) : undefined;
          if (eq !== undefined && FALSY.test(eq)) {
            report({
              ...wordAt(a[i]),
              message: `\`aria2c ${v}\` accepts any server certificate.`,
              state: { word: a[i], toTrue: valueSuffix(a[i], eq.length) },
            });
          } else if (v === '--check-certificate' && a[i + 1]?.value !== undefined && FALSY.test(a[i + 1].value!)) {
            report({
              ...wordSpan(a[i], a[i + 1]),
              message: `\`aria2c --check-certificate ${a[i + 1].value}\` accepts any server certificate.`,
              state: { word: a[i + 1], toTrue: valueSuffix(a[i + 1], a[i + 1].value!.length) },
            });
          }
        }
        continue;
      }
      if (cmd.name !== 'wget') continue;
      for (const w of cmd.args) {
        if (w.value === '--no-check-certificate') {
          report({
            ...wordAt(w),
            message: '`wget --no-check-certificate` accepts any server certificate.',
            state: { word: w },
          });
        }
      }
    }
  },
  fix(_file, r) {
    if (r.state.toTrue)
      return {
        title: 'Verify the certificate (`--check-certificate=true`)',
        safety: 'safe',
        edits: [{ ...r.state.toTrue, newText: 'true' }],
      };
    if (r.state.word.value !== '--no-check-certificate') return undefined;
    const remove = r.state.word.remove;
    if (!remove) return undefined;
    return {
      title: 'Verify the certificate (remove `--no-check-certificate`)',
      safety: 'safe',
      edits: [{ ...remove, newText: '' }],
    };
  },
  examples: {
    ruby: {
      bad: `
        system('wget', '--no-check-certificate', 'https://example.com/a.tgz')
      `,
      good: `
        system('wget', 'https://example.com/a.tgz')
      `,
    },
    shell: {
      bad: `
        wget --no-check-certificate https://example.com/a.tgz
      `,
      good: `
        wget https://example.com/a.tgz
      `,
    },
    dockerfile: {
      bad: `
        FROM debian:12
        RUN wget --no-check-certificate https://example.com/a.tgz
      `,
      good: `
        FROM debian:12
        RUN wget https://example.com/a.tgz
      `,
    },
  },
});
