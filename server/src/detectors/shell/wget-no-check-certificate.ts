import { removeWordRange, shellCommands, type Word } from '../../engine/languages/shell';
import { defineDetector } from '../../engine/detector';

export const detector = defineDetector<{ word: Word }>({
  id: 'shell.wget-no-check-certificate',
  summary: 'wget told not to check the server certificate (`--no-check-certificate`).',
  docs: `
    wget --no-check-certificate: any server certificate is accepted.
  `,
  rule: 'cert-verification-disabled',
  languages: ['shell', 'dockerfile', 'yaml'],
  apis: ['wget --no-check-certificate'],
  tokens: ['no-check-certificate'],
  fixAvailability: 'always',
  detect(file, report) {
    for (const cmd of shellCommands(file)) {
      if (cmd.name !== 'wget') continue;
      for (const w of cmd.args) {
        if (w.value === '--no-check-certificate') {
          report({
            node: w.node,
            message: '`wget --no-check-certificate` accepts any server certificate.',
            state: { word: w },
          });
        }
      }
    }
  },
  fix(file, r) {
    return {
      title: 'Verify the certificate (remove `--no-check-certificate`)',
      safety: 'safe',
      edits: [{ ...removeWordRange(file.text, r.state.word.node), newText: '' }],
    };
  },
  examples: {
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
