import type { Node } from 'web-tree-sitter';
import { argValues, arrayPairs, callName, isFalsy, isTrue, stringValue } from '../../engine/languages/php';
import { defineDetector } from '../../engine/detector';
import type { SourceFile } from '../../engine/types';

/** Option name -> whether the insecure value is the falsy one, and the secure replacement. */
const OPTIONS: Record<string, { insecure: 'falsy' | 'true'; secure: string; what: string }> = {
  verify_peer: { insecure: 'falsy', secure: 'true', what: "the peer's certificate is not verified" },
  allow_self_signed: { insecure: 'true', secure: 'false', what: 'self-signed certificates are accepted' },
};

export function contextOptionUses(
  file: SourceFile,
  names: readonly string[],
): { name: string; value: Node; at: Node }[] {
  const out: { name: string; value: Node; at: Node }[] = [];
  for (const pair of arrayPairs(file)) {
    if (pair.name && pair.stringKey && names.includes(pair.name))
      out.push({ name: pair.name, value: pair.value, at: pair.el });
  }
  for (const call of file.nodes('function_call_expression')) {
    if (callName(call) !== 'stream_context_set_option') continue;
    const a = argValues(call);
    const name = stringValue(a[2]);
    if (a.length >= 4 && stringValue(a[1]) === 'ssl' && name && names.includes(name))
      out.push({ name, value: a[3], at: a[3] });
  }
  return out;
}

export const detector = defineDetector<{ value: Node; text: string }>({
  id: 'php.stream-context-verify-peer',
  summary: 'Stream-context (and Symfony HttpClient) options that turn certificate verification off.',
  docs: `
    Stream-context (and Symfony HttpClient) options that turn certificate verification off:
    \`'verify_peer' => false\`, \`'allow_self_signed' => true\`, and \`stream_context_set_option($ctx, 'ssl', 'verify_peer', false)\`.
  `,
  rule: 'cert-verification-disabled',
  languages: ['php'],
  apis: [
    'stream_context_create ssl.verify_peer',
    'stream_context_set_option',
    'ssl.allow_self_signed',
    'Symfony HttpClient verify_peer',
  ],
  tokens: ['verify_peer', 'allow_self_signed'],
  fixAvailability: 'always',
  detect(file, report) {
    for (const use of contextOptionUses(file, Object.keys(OPTIONS))) {
      const o = OPTIONS[use.name];
      const bad = o.insecure === 'falsy' ? isFalsy(file, use.value) : isTrue(file, use.value);
      if (bad)
        report({
          node: use.at,
          message: `\`${use.name}\` is set to ${use.value.text}: ${o.what}.`,
          state: { value: use.value, text: o.secure },
        });
    }
  },
  fix(_file, r) {
    const s = r.state;
    return {
      title: `Verify certificates (\`${s.text}\`)`,
      safety: 'safe',
      edits: [{ start: s.value.startIndex, end: s.value.endIndex, newText: s.text }],
    };
  },
  examples: {
    php: {
      bad: `
        <?php
        $ctx = stream_context_create(['ssl' => ['verify_peer' => false]]);
      `,
      good: `
        <?php
        $ctx = stream_context_create(['ssl' => ['verify_peer' => true]]);
      `,
    },
  },
});
