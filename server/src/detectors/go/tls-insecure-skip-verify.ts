import type { Node } from 'web-tree-sitter';
import { replaceableInPlace } from '../../engine/languages/go';
import { defineDetector } from '../../engine/detector';
import { skipVerifySites } from './support/skip-verify';

interface State {
  value: Node;
  /** A custom VerifyPeerCertificate/VerifyConnection sits beside it: the skip may be deliberate. */
  custom: boolean;
}

/** What a true value is called in a message: `true`, or as written plus what it is (`` `!false` (true) ``). */
function spelled(value: Node, code: (text: string) => string): string {
  return value.text === 'true' ? code('true') : `${code(value.text)} (true)`;
}

export const detector = defineDetector<State>({
  id: 'go.tls-insecure-skip-verify',
  summary: 'crypto/tls.',
  docs: `
    crypto/tls: \`InsecureSkipVerify: true\` in a tls.Config literal, or written later
    (\`cfg.InsecureSkipVerify = true\`, \`tr.TLSClientConfig.InsecureSkipVerify = true\`, on a receiver whose path
    names TLS in code that does not import crypto/tls itself: \`config.Net.TLS.Config.InsecureSkipVerify = true\`).
    Not when a \`VerifyPeerCertificate\`/\`VerifyConnection\` callback beside it hands the chain to
    \`x509.Certificate.Verify\` and returns its error (see go.tls-verify-chain-only for one without a \`DNSName\`).
  `,
  rule: 'cert-verification-disabled',
  languages: ['go'],
  apis: ['crypto/tls.Config.InsecureSkipVerify'],
  tokens: ['InsecureSkipVerify'],
  fixAvailability: 'sometimes',
  detect(file, report) {
    for (const site of skipVerifySites(file)) {
      // A callback that hands the chain to x509's Verify puts verification back: nothing to report
      // here (without a DNSName, go.tls-verify-chain-only reports the unchecked host name).
      if (site.custom === 'full' || site.custom === 'chain') continue;
      const { value, flag, receiver } = site;
      const what = receiver === undefined ? '`tls.Config` sets' : `\`${receiver}.InsecureSkipVerify\` is set to`;
      const shown =
        receiver === undefined
          ? spelled(value, (t) => `\`InsecureSkipVerify: ${t}\``)
          : spelled(value, (t) => (t === 'true' ? t : `\`${t}\``));
      report({
        node: site.node,
        message: flag
          ? `${what} \`${receiver === undefined ? `InsecureSkipVerify: ${value.text}` : value.text}\`: when it is true, the server's certificate chain and host name are not verified.`
          : `${what} ${shown}: the server's certificate chain and host name are not verified.`,
        state: { value, custom: site.custom !== undefined },
        flag,
      });
    }
  },
  fix(file, r) {
    const { value, custom } = r.state;
    // A local variable replaced at its use would be left unused, which Go refuses to compile.
    if (!replaceableInPlace(file, value)) return undefined;
    return {
      title: 'Verify the certificate (set `InsecureSkipVerify` to false)',
      // With a custom verification callback beside it, the skip may be deliberate (pinning): review.
      safety: custom ? 'unsafe' : 'safe',
      edits: [{ start: value.startIndex, end: value.endIndex, newText: 'false' }],
    };
  },
  examples: {
    go: {
      bad: `
        package main

        import "crypto/tls"

        var cfg = &tls.Config{InsecureSkipVerify: true}
      `,
      good: `
        package main

        import "crypto/tls"

        var cfg = &tls.Config{InsecureSkipVerify: false}
      `,
    },
  },
});
