import { CODE_LANGUAGES, commandsOf, wordAt, type Word } from '../../engine/cmdline';
import { defineDetector } from '../../engine/detector';

export const detector = defineDetector<{ word: Word }>({
  id: 'shell.wget-no-check-certificate',
  summary: 'wget told not to check the server certificate (`--no-check-certificate`), in scripts and in code.',
  docs: `
    wget --no-check-certificate: any server certificate is accepted.

    Also in command lines built in code (argument lists, command strings run by a shell, lists built up
    then run), as for curl -k.
  `,
  rule: 'cert-verification-disabled',
  languages: ['shell', 'dockerfile', 'yaml', ...CODE_LANGUAGES],
  apis: ['wget --no-check-certificate'],
  tokens: ['no-check-certificate'],
  fixAvailability: 'sometimes',
  detect(file, report) {
    for (const cmd of commandsOf(file)) {
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
