import type { Node } from 'web-tree-sitter';
import { flagValue } from '../../engine/intent';
import {
  elementValue,
  isFalseConstant,
  isTrue,
  keyedElements,
  replaceableInPlace,
  tlsConfigLiterals,
  tlsFieldWrites,
} from '../../engine/languages/go';
import { defineDetector } from '../../engine/detector';

interface State {
  value: Node;
  /** A custom VerifyPeerCertificate/VerifyConnection sits beside it: the skip may be deliberate. */
  custom: boolean;
}

const CUSTOM = ['VerifyPeerCertificate', 'VerifyConnection'];

/** What a true value is called in a message: `true`, or as written plus what it is (`` `!false` (true) ``). */
function spelled(value: Node, code: (text: string) => string): string {
  return value.text === 'true' ? code('true') : `${code(value.text)} (true)`;
}

export const detector = defineDetector<State>({
  id: 'go.tls-insecure-skip-verify',
  summary: 'crypto/tls.',
  docs: `
    crypto/tls: \`InsecureSkipVerify: true\` in a tls.Config literal, or written later
    (\`cfg.InsecureSkipVerify = true\`, \`tr.TLSClientConfig.InsecureSkipVerify = true\`).
  `,
  rule: 'cert-verification-disabled',
  languages: ['go'],
  apis: ['crypto/tls.Config.InsecureSkipVerify'],
  tokens: ['InsecureSkipVerify'],
  fixAvailability: 'sometimes',
  detect(file, report) {
    for (const lit of tlsConfigLiterals(file)) {
      const keys = keyedElements(lit);
      const el = keys.get('InsecureSkipVerify');
      const value = el && elementValue(el);
      if (!el || !value) continue;
      // `InsecureSkipVerify: cfg.Insecure`: a caller's setting, reported as an opt-in path.
      const flag = isTrue(file, value) || isFalseConstant(file, value) ? undefined : flagValue(value, true);
      if (!flag && !isTrue(file, value)) continue;
      report({
        node: el,
        message: flag
          ? `\`tls.Config\` sets \`InsecureSkipVerify: ${value.text}\`: when it is true, the server's certificate chain and host name are not verified.`
          : `\`tls.Config\` sets ${spelled(value, (t) => `\`InsecureSkipVerify: ${t}\``)}: the server's certificate chain and host name are not verified.`,
        state: { value, custom: CUSTOM.some((k) => keys.has(k)) },
        flag,
      });
    }
    for (const w of tlsFieldWrites(file, ['InsecureSkipVerify'])) {
      const flag = isTrue(file, w.value) || isFalseConstant(file, w.value) ? undefined : flagValue(w.value, true);
      if (!flag && !isTrue(file, w.value)) continue;
      report({
        node: w.statement,
        message: flag
          ? `\`${w.receiver.text}.InsecureSkipVerify\` is set to \`${w.value.text}\`: when it is true, the server's certificate chain and host name are not verified.`
          : `\`${w.receiver.text}.InsecureSkipVerify\` is set to ${spelled(w.value, (t) => (t === 'true' ? t : `\`${t}\``))}: the server's certificate chain and host name are not verified.`,
        state: { value: w.value, custom: false },
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
