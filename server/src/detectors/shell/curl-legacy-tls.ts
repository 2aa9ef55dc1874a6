import { CODE_LANGUAGES, commandsOf, mayHoldCommands, wordAt, type Word } from '../../engine/cmdline';
import { defineDetector } from '../../engine/detector';
import { LEGACY_STEMS } from '../../engine/protocols';

interface State {
  word: Word;
  replacement?: string;
}

const CURL_LONG: Record<string, string | undefined> = {
  '--sslv2': '--tlsv1.2',
  '--sslv3': '--tlsv1.2',
  '--tlsv1': '--tlsv1.2',
  '--tlsv1.0': '--tlsv1.2',
  '--tlsv1.1': '--tlsv1.2',
};
const CURL_SHORT: Record<string, string> = { '-1': '--tlsv1.2', '-2': '--tlsv1.2', '-3': '--tlsv1.2' };
const OPENSSL_FLAGS = ['-ssl2', '-ssl3', '-tls1', '-tls1_1'];

export const detector = defineDetector<State>({
  id: 'shell.curl-legacy-tls',
  summary:
    'curl, wget and openssl s_client options that allow or force SSL 3, TLS 1.0 or TLS 1.1, in scripts and in code.',
  docs: `
    curl, wget and openssl s_client options that allow or force SSL 3, TLS 1.0 or TLS 1.1.

    Also in command lines built in code (argument lists, command strings run by a shell).
  `,
  rule: 'legacy-protocol',
  languages: ['shell', 'dockerfile', 'yaml', ...CODE_LANGUAGES],
  apis: ['curl --tlsv1.0/--tlsv1.1/--sslv3/--tls-max', 'wget --secure-protocol', 'openssl s_client -tls1'],
  textScreen: mayHoldCommands,
  tokens: ['curl', 'wget', 'openssl'],
  fixAvailability: 'sometimes',
  detect(file, report) {
    for (const cmd of commandsOf(file)) {
      const args = cmd.args;
      for (let i = 0; i < args.length; i++) {
        const v = args[i].value;
        if (v === undefined) continue;
        if (cmd.name === 'curl') {
          if (v in CURL_LONG || v in CURL_SHORT) {
            report({
              ...wordAt(args[i]),
              message: `\`curl ${v}\` allows a protocol below TLS 1.2.`,
              state: { word: args[i], replacement: CURL_LONG[v] ?? CURL_SHORT[v] },
            });
          } else if (v === '--tls-max' || v.startsWith('--tls-max=')) {
            const max = v.includes('=') ? v.slice(v.indexOf('=') + 1) : args[i + 1]?.value;
            if (max && /^1\.[01]$/.test(max))
              report({
                ...wordAt(args[i]),
                message: `\`curl --tls-max ${max}\` caps the protocol below TLS 1.2.`,
                state: { word: args[i] },
              });
          }
        } else if (cmd.name === 'wget') {
          const m = new RegExp(`^--secure-protocol=(${LEGACY_STEMS})$`, 'i').exec(v);
          if (m)
            report({
              ...wordAt(args[i]),
              message: `\`wget ${v}\` forces a protocol below TLS 1.2.`,
              state: { word: args[i], replacement: '--secure-protocol=TLSv1_2' },
            });
        } else if (
          cmd.name === 'openssl' &&
          OPENSSL_FLAGS.includes(v) &&
          ['s_client', 's_server', 's_time'].includes(args[0]?.value ?? '')
        ) {
          report({
            ...wordAt(args[i]),
            message: `\`openssl ${args[0].value} ${v}\` forces a protocol below TLS 1.2.`,
            state: { word: args[i], replacement: '-tls1_2' },
          });
        }
      }
    }
  },
  fix(_file, r) {
    const { word, replacement } = r.state;
    if (!replacement || !word.raw) return undefined;
    return {
      title: `Require TLS 1.2 or later (\`${replacement}\`)`,
      safety: 'safe',
      edits: [{ ...word.raw, newText: replacement }],
    };
  },
  examples: {
    python: {
      bad: `
        import subprocess
        subprocess.run(["curl", "--tlsv1.0", "https://example.com"])
      `,
      good: `
        import subprocess
        subprocess.run(["curl", "--tlsv1.2", "https://example.com"])
      `,
    },
    shell: {
      bad: `
        curl --tlsv1.0 https://example.com
      `,
      good: `
        curl --tlsv1.2 https://example.com
      `,
    },
    dockerfile: {
      bad: `
        FROM debian:12
        RUN curl --tlsv1.0 https://example.com
      `,
      good: `
        FROM debian:12
        RUN curl --tlsv1.2 https://example.com
      `,
    },
  },
});
