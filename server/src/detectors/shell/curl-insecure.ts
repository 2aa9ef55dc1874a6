import { CODE_LANGUAGES, commandsOf, mayHoldCommands, wordAt, type Word } from '../../engine/cmdline';
import { commandRedirect, findOption } from '../../engine/languages/shell';
import { defineDetector } from '../../engine/detector';

/**
 * A script's own wrapper named for curl (`_curl`, `curl_retry`, `retry-curl`, `curl_with_timeout`): it
 * hands its arguments to curl, so `_curl -k URL` is curl with -k. (`curl-config` takes no -k.)
 */
const CURL_WRAPPER = /^(_+curl\w*|curl_\w+|\w+[_-]curl|curl-(?!config$)[\w-]+)$/;

/** curl's short options that take a value: a cluster stops at them. */
const SHORT_WITH_ARG = 'oHdeuXAbcFTwxEKmrYyzCPQtU';

export const detector = defineDetector<{ word: Word; short?: string | undefined; rc?: boolean }>({
  id: 'shell.curl-insecure',
  summary:
    'curl told to accept any server certificate (`-k`, `--insecure`, `--proxy-insecure`), in scripts and in command lines built in code.',
  docs: `
    curl with -k / --insecure (or --proxy-insecure): any server certificate is accepted. A script's own
    wrapper named for curl (\`_curl -k\`, \`curl_retry --insecure\`) is read as curl.

    Also in code that runs curl: argument lists (\`subprocess.run(['curl', '-k', url])\`,
    \`spawn('curl', ['-k'])\`, \`exec.Command("curl", "-k")\`, \`new ProcessBuilder("curl", "-k")\`),
    command strings run by a shell (\`os.system\`, \`execSync\`, backticks, \`shell_exec\`,
    \`Runtime.exec\`, \`sh -c\`), and lists built up then run (\`cmd.append('--insecure')\`,
    \`args = append(args, "-k")\`, \`$cmd[] = '-k'\`). A flag-controlled append is an opt-in path.
    The same text in a message, comment or help text runs nothing and is not reported. \`insecure\` (or
    \`-k\`) written to a \`.curlrc\` (\`echo insecure >> ~/.curlrc\`) turns it on for every later curl.

    The fix removes the option (or the \`k\` of a cluster such as \`-fsSLk\`) where it is one word of
    a list or a string; an appended option is left to the author.
  `,
  rule: 'cert-verification-disabled',
  languages: ['shell', 'dockerfile', 'yaml', ...CODE_LANGUAGES],
  apis: ['curl -k', 'curl --insecure', 'curl --proxy-insecure'],
  textScreen: mayHoldCommands,
  tokens: ['curl'],
  fixAvailability: 'sometimes',
  detect(file, report) {
    for (const cmd of commandsOf(file)) {
      // `echo insecure >> ~/.curlrc`: every later curl of that user skips verification.
      const redirect = cmd.name === 'echo' || cmd.name === 'printf' ? commandRedirect(cmd.node) : undefined;
      if (redirect && /(^|[/\s'"])[._]?curlrc['"]?$/.test(redirect.target)) {
        const word = [...cmd.args, ...redirect.words].find((w) =>
          /^(insecure|-k|--insecure)(\\n)*$/.test(w.value?.trim() ?? ''),
        );
        if (word) {
          report({
            ...wordAt(word),
            message: `\`${word.value!.trim().replace(/(\\n)+$/, '')}\` written to a .curlrc makes every later curl accept any server certificate.`,
            state: { word, rc: true },
          });
        }
        continue;
      }
      if (cmd.name !== 'curl' && !CURL_WRAPPER.test(cmd.name)) continue;
      const hit = findOption(cmd.args, ['--insecure', '--proxy-insecure'], ['k'], SHORT_WITH_ARG);
      if (!hit) continue;
      report({
        ...wordAt(hit.word),
        message: `\`${cmd.name} ${hit.short ? '-k' : hit.word.value}\` accepts any server certificate: the download can be replaced by anyone on the network path.`,
        state: { word: hit.word, short: hit.short },
      });
    }
  },
  fix(_file, r) {
    const { word, short, rc } = r.state;
    if (rc) return undefined;
    const v = word.value!;
    if (short && v.length > 2) {
      // Drop the k from a cluster such as -fsSLk.
      if (!word.raw) return undefined;
      return {
        title: 'Verify the certificate (remove `k`)',
        safety: 'safe',
        edits: [{ ...word.raw, newText: v.replace(short, '') }],
      };
    }
    if (!word.remove) return undefined;
    return {
      title: `Verify the certificate (remove \`${v}\`)`,
      safety: 'safe',
      edits: [{ ...word.remove, newText: '' }],
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
    python: {
      bad: `
        import subprocess
        subprocess.run(["curl", "-k", "https://example.com/install.sh"], check=True)
      `,
      good: `
        import subprocess
        subprocess.run(["curl", "https://example.com/install.sh"], check=True)
      `,
    },
    go: {
      bad: `
        package main

        import "os/exec"

        func f() error { return exec.Command("curl", "--insecure", "https://example.com").Run() }
      `,
      good: `
        package main

        import "os/exec"

        func f() error { return exec.Command("curl", "https://example.com").Run() }
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
