import { findOption, removeWordRange, shellCommands, type Word } from '../../engine/languages/shell';
import { defineDetector } from '../../engine/detector';

/** curl's short options that take a value: a cluster stops at them. */
const SHORT_WITH_ARG = 'oHdeuXAbcFTwxEKmrYyzCPQtU';

export const detector = defineDetector<{ word: Word; short?: string | undefined }>({
  id: 'shell.curl-insecure',
  summary: 'curl told to accept any server certificate (`-k`, `--insecure`, `--proxy-insecure`).',
  docs: `
    curl with -k / --insecure (or --proxy-insecure): any server certificate is accepted.
  `,
  rule: 'cert-verification-disabled',
  languages: ['shell', 'dockerfile', 'yaml'],
  apis: ['curl -k', 'curl --insecure', 'curl --proxy-insecure'],
  tokens: ['curl'],
  fixAvailability: 'always',
  detect(file, report) {
    for (const cmd of shellCommands(file)) {
      if (cmd.name !== 'curl') continue;
      const hit = findOption(cmd.args, ['--insecure', '--proxy-insecure'], ['k'], SHORT_WITH_ARG);
      if (!hit) continue;
      report({
        node: hit.word.node,
        message: `\`curl ${hit.short ? '-k' : hit.word.value}\` accepts any server certificate: the download can be replaced by anyone on the network path.`,
        state: { word: hit.word, short: hit.short },
      });
    }
  },
  fix(file, r) {
    const { word, short } = r.state;
    const v = word.value!;
    if (short && v.length > 2) {
      // Drop the k from a cluster such as -fsSLk.
      return {
        title: 'Verify the certificate (remove `k`)',
        safety: 'safe',
        edits: [{ start: word.node.startIndex, end: word.node.endIndex, newText: v.replace(short, '') }],
      };
    }
    return {
      title: `Verify the certificate (remove \`${v}\`)`,
      safety: 'safe',
      edits: [{ ...removeWordRange(file.text, word.node), newText: '' }],
    };
  },
  examples: {
    shell: {
      bad: `
        curl -k https://example.com/install.sh
      `,
      good: `
        curl https://example.com/install.sh
      `,
    },
    dockerfile: {
      bad: `
        FROM debian:12
        RUN curl -k https://example.com/install.sh | sh
      `,
      good: `
        FROM debian:12
        RUN curl https://example.com/install.sh | sh
      `,
    },
  },
});
