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
import { commandRedirect } from '../../engine/languages/shell';
import type { Range } from '../../engine/types';

interface State {
  value?: Range;
  newText?: string;
}

const FALSY = /^(false|no|0)$/i;
/** apt's `-o Acquire::https[::host]::Verify-Peer=false`: the falsy value is group 1. */
const APT_OPTION = /^Acquire::https?::(?:[^=]*::)?Verify-Peer=["']?(false|no|off|0)["']?$/i;
/** The same setting in apt.conf syntax, flat or nested (`Acquire { https::Verify-Peer false }`). */
const APT_CONF = /\bAcquire\b[\s\S]*?\bhttps?::(?:\S+::)?Verify-Peer\b\s*["']?(false|no|off|0)\b/i;

/** The edit that turns the falsy end of a word's value into `true`, when written verbatim. */
function valueEdit(word: Word, length: number): State {
  const value = valueSuffix(word, length);
  return value ? { value, newText: 'true' } : {};
}

export const detector = defineDetector<State>({
  id: 'shell.package-manager-ssl',
  summary: 'Package managers told to skip TLS verification, in scripts and in code.',
  docs: `
    Package managers told to skip TLS verification: npm/yarn/pnpm strict-ssl, pip --trusted-host, conda ssl_verify,
    apt's \`Acquire::https::Verify-Peer false\` (\`apt-get -o ...=false\`, or echoed into its configuration).

    Also in command lines built in code (\`[sys.executable, '-m', 'pip', 'install', '--trusted-host', h]\`,
    \`execSync('npm config set strict-ssl false')\`).
  `,
  rule: 'cert-verification-disabled',
  languages: ['shell', 'dockerfile', 'yaml', ...CODE_LANGUAGES],
  apis: [
    'npm config set strict-ssl false',
    'yarn config set strict-ssl false',
    'pip --trusted-host',
    'conda config --set ssl_verify false',
    'apt-get -o Acquire::https::Verify-Peer=false',
  ],
  textScreen: mayHoldCommands,
  tokens: ['strict-ssl', 'trusted-host', 'ssl_verify', 'Verify-Peer', 'verify-peer'],
  fixAvailability: 'sometimes',
  detect(file, report) {
    for (const cmd of commandsOf(file)) {
      const a = cmd.args;
      const vals = a.map((w) => w.value);
      if (['npm', 'yarn', 'pnpm'].includes(cmd.name)) {
        for (let i = 0; i < a.length; i++) {
          const v = vals[i];
          if (v === undefined) continue;
          // npm config set strict-ssl false | npm set strict-ssl=false | npm install --strict-ssl=false
          const eq = /^(--)?strict-ssl=(.*)$/.exec(v);
          if (eq && FALSY.test(eq[2])) {
            report({
              ...wordAt(a[i]),
              message: `\`${cmd.name} ${v}\` accepts any registry certificate.`,
              state: valueEdit(a[i], eq[2].length),
            });
          } else if (
            (v === 'strict-ssl' || v === '--strict-ssl') &&
            vals[i + 1] !== undefined &&
            FALSY.test(vals[i + 1]!)
          ) {
            report({
              ...wordSpan(a[i], a[i + 1]),
              message: `\`${cmd.name} ${v} ${vals[i + 1]}\` accepts any registry certificate.`,
              state: valueEdit(a[i + 1], vals[i + 1]!.length),
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
              ...wordAt(a[i]),
              message: '`pip --trusted-host` skips certificate checks (and allows plain HTTP) for that host.',
              state: {},
            });
          }
        }
      } else if (['apt', 'apt-get', 'aptitude'].includes(cmd.name)) {
        // apt-get -o Acquire::https::Verify-Peer=false install ...
        for (let i = 0; i < a.length; i++) {
          const v = vals[i];
          const option = v === '-o' ? vals[i + 1] : v?.startsWith('-o') ? v.slice(2) : undefined;
          const m = option !== undefined ? APT_OPTION.exec(option) : null;
          if (!m) continue;
          const word = v === '-o' ? a[i + 1] : a[i];
          report({
            ...wordAt(word),
            message: `\`${cmd.name} -o ${option}\` accepts any repository certificate.`,
            state: valueEdit(word, m[1].length),
          });
        }
      } else if (cmd.name === 'echo' || cmd.name === 'printf') {
        // echo 'Acquire::https::Verify-Peer "false";' > /etc/apt/apt.conf.d/99insecure
        for (const w of [...a, ...commandRedirect(cmd.node).words]) {
          if (w.value !== undefined && APT_CONF.test(w.value)) {
            report({
              ...wordAt(w),
              message: "apt's `Verify-Peer false` written to its configuration accepts any repository certificate.",
              state: {},
            });
          }
        }
      } else if (cmd.name === 'conda') {
        for (let i = 0; i < a.length; i++) {
          if (vals[i] === 'ssl_verify' && vals[i + 1] !== undefined && FALSY.test(vals[i + 1]!)) {
            report({
              ...wordSpan(a[i], a[i + 1]),
              message: '`conda config --set ssl_verify false` skips certificate verification.',
              state: valueEdit(a[i + 1], vals[i + 1]!.length),
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
    javascript: {
      bad: `
        require('child_process').execSync('npm config set strict-ssl false');
      `,
      good: `
        require('child_process').execSync('npm config set strict-ssl true');
      `,
    },
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
