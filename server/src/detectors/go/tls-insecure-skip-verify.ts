import type { Node } from 'web-tree-sitter';
import {
  elementValue,
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

/** Names of an opt-in: a flag or option that asks for insecure mode (as CodeQL's go/disabled-certificate-check reads them). */
const OPT_IN =
  /insecure|self_?sign|self_?cert|skip_?verif|no_?verif|disable_?(verif|tls|ssl|cert)|verif(y|ication)?_?cert|validate_?cert|trust_?cert|^!?secure$|^!?verify$/i;

function names(node: Node): string[] {
  return [node, ...node.descendantsOfType(['identifier', 'field_identifier', 'interpreted_string_literal'])]
    .filter(
      (n): n is Node =>
        !!n && (n.type === 'identifier' || n.type === 'field_identifier' || n.type === 'interpreted_string_literal'),
    )
    .map((n) => n.text.replace(/^"|"$/g, ''));
}

/**
 * A deliberate, user-controlled opt-in: the setting sits under an `if` on an insecure-mode flag
 * (`if *insecure {`, `if !opts.VerifyCertificates() {`), or in a function or variable whose name says
 * insecure (`makeInsecureConfig`, `insecureTransport := ...`).
 */
function optedIn(node: Node): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'if_statement') {
      const cond = p.childForFieldName('condition');
      if (cond && names(cond).some((n) => OPT_IN.test(n))) return true;
    }
    if (p.type === 'function_declaration' || p.type === 'method_declaration') {
      return /insecure/i.test(p.childForFieldName('name')?.text ?? '');
    }
    if (p.type === 'short_var_declaration' || p.type === 'var_spec' || p.type === 'assignment_statement') {
      const left =
        p.type === 'var_spec' ? p.childrenForFieldName('name') : (p.childForFieldName('left')?.namedChildren ?? []);
      if (left.some((l) => l && /insecure/i.test(l.text))) return true;
    }
  }
  return false;
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
      if (!el || !value || !isTrue(file, value) || optedIn(el)) continue;
      report({
        node: el,
        message:
          "`tls.Config` sets `InsecureSkipVerify: true`: the server's certificate chain and host name are not verified.",
        state: { value, custom: CUSTOM.some((k) => keys.has(k)) },
      });
    }
    for (const w of tlsFieldWrites(file, ['InsecureSkipVerify'])) {
      if (!isTrue(file, w.value) || optedIn(w.statement)) continue;
      report({
        node: w.statement,
        message: `\`${w.receiver.text}.InsecureSkipVerify\` is set to true: the server's certificate chain and host name are not verified.`,
        state: { value: w.value, custom: false },
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
