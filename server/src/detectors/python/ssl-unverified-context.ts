import type { Node } from 'web-tree-sitter';
import { callArgs, callsNamed, isServerContextCall, nameOf } from '../../engine/languages/python';
import { defineDetector } from '../../engine/detector';
import type { Fix, TextEdit } from '../../engine/types';
import { defaultContextSpelling, isInlineClientContext } from './support/client-context';

const FACTORIES = ['ssl._create_unverified_context', 'ssl._create_stdlib_context'];
/** Keywords create_default_context takes with the same meaning. */
const KEPT = ['cafile', 'capath', 'cadata', 'purpose'];

export const detector = defineDetector<{ call: Node }>({
  id: 'python.ssl-unverified-context',
  summary: '`ssl._create_unverified_context()` and its alias `ssl._create_stdlib_context()`.',
  docs: `
    \`ssl._create_unverified_context()\` and its alias \`ssl._create_stdlib_context()\`: a context that verifies
    neither the certificate nor the host name.
  `,
  rule: 'cert-verification-disabled',
  languages: ['python'],
  apis: FACTORIES,
  tokens: ['_create_unverified_context', '_create_stdlib_context'],
  fixAvailability: 'sometimes',
  detect(file, report) {
    for (const call of callsNamed(file, ['_create_unverified_context', '_create_stdlib_context'])) {
      const name = nameOf(file, call.childForFieldName('function'), 'ssl');
      if (!name || !FACTORIES.includes(name)) continue;
      // A server-side context that asks no client certificate is the normal case.
      if (isServerContextCall(file, call, name)) continue;
      if (isInlineClientContext(file, call)) continue;
      report({
        node: call,
        message: `\`${name}()\` makes a context that verifies neither the certificate nor the host name.`,
        state: { call },
      });
    }
  },
  fix(file, r): Fix | undefined {
    const call = r.state.call;
    const { positional, keywords, hasSplat } = callArgs(call);
    if (hasSplat) return undefined;
    const dropped = positional.length > 0 || [...keywords.keys()].some((k) => !KEPT.includes(k));
    const edits: TextEdit[] = [];
    const spelled = defaultContextSpelling(file, call, edits);
    const kept = [...keywords.entries()].filter(([k]) => KEPT.includes(k)).map(([, kw]) => kw.text);
    edits.push({ start: call.startIndex, end: call.endIndex, newText: `${spelled}(${kept.join(', ')})` });
    return {
      title: dropped
        ? 'Use `ssl.create_default_context()` (drops the other arguments: review)'
        : 'Use `ssl.create_default_context()` (verifies the certificate and host name)',
      safety: dropped ? 'unsafe' : 'safe',
      edits,
    };
  },
  examples: {
    python: {
      bad: `
        import ssl
        ctx = ssl._create_unverified_context()
      `,
      good: `
        import ssl
        ctx = ssl.create_default_context()
      `,
    },
  },
});
