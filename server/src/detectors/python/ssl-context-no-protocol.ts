import type { Node } from 'web-tree-sitter';
import {
  addImportEdit,
  assignmentsTo,
  callArgs,
  callsNamed,
  dottedText,
  inRange,
  kwValue,
  methodCallsOn,
  nameOf,
  pythonModel,
  rangeOf,
  valueOf,
} from '../../engine/languages/python';
import { defineDetector } from '../../engine/detector';
import type { Fix, SourceFile, TextEdit } from '../../engine/types';
import { isInlineClientContext } from './support/client-context';

/** The dotted target the call is assigned to (`ctx`, `self.ctx`), if any. */
function targetOf(call: Node): string | undefined {
  let n = call;
  while (n.parent?.type === 'parenthesized_expression') n = n.parent;
  const p = n.parent;
  if (p?.type === 'assignment' && p.childForFieldName('right')?.id === n.id)
    return dottedText(p.childForFieldName('left'));
  return undefined;
}

/** Whether the file sets the context up for verification or uses it as a server, so its defaults do not matter. */
function tightened(file: SourceFile, call: Node, key: string): boolean {
  const scope = rangeOf(pythonModel(file).scopeOf(call, key));
  for (const asg of assignmentsTo(file, `${key}.verify_mode`)) {
    const right = asg.childForFieldName('right');
    if (inRange(scope, asg) && ['ssl.CERT_REQUIRED', 'ssl.CERT_OPTIONAL'].includes(nameOf(file, right, 'ssl') ?? ''))
      return true;
  }
  for (const asg of assignmentsTo(file, `${key}.check_hostname`)) {
    if (inRange(scope, asg) && valueOf(file, asg.childForFieldName('right'))?.type === 'true') return true;
  }
  return methodCallsOn(file, key).some(({ method: m, call: c }) => {
    if ((m !== 'wrap_socket' && m !== 'wrap_bio') || !inRange(scope, c)) return false;
    const { keywords, positional } = callArgs(c);
    const side = kwValue(keywords.get('server_side')) ?? positional[m === 'wrap_socket' ? 1 : 2];
    return valueOf(file, side)?.type === 'true';
  });
}

export const detector = defineDetector<{ call: Node }>({
  id: 'python.ssl-context-no-protocol',
  summary: '`ssl.SSLContext()` with no protocol.',
  docs: `
    \`ssl.SSLContext()\` with no protocol: PROTOCOL_TLS, whose defaults are CERT_NONE and no host name check
    (and a DeprecationWarning since 3.10), unless something in sight tightens the context.
  `,
  rule: 'insecure-default-context',
  languages: ['python'],
  apis: ['ssl.SSLContext'],
  tokens: ['SSLContext'],
  fixAvailability: 'always',
  detect(file, report) {
    for (const call of callsNamed(file, ['SSLContext'])) {
      if (nameOf(file, call.childForFieldName('function'), 'ssl') !== 'ssl.SSLContext') continue;
      const { positional, keywords, hasSplat } = callArgs(call);
      const protocol = positional[0] ?? kwValue(keywords.get('protocol'));
      if (hasSplat || (protocol && valueOf(file, protocol)?.type !== 'none')) continue;
      if (isInlineClientContext(file, call)) continue;
      const key = targetOf(call);
      if (key && tightened(file, call, key)) continue;
      report({
        node: call,
        message:
          '`ssl.SSLContext()` without a protocol verifies no certificate and checks no host name by default (and is deprecated since Python 3.10).',
        state: { call },
      });
    }
  },
  fix(file, r): Fix[] {
    const call = r.state.call;
    const importEdits: TextEdit[] = [];
    // Keep the spelling the call already uses (`s.SSLContext()` gives `s.create_default_context()`).
    const fn = call.childForFieldName('function');
    const prefix = fn?.type === 'attribute' ? fn.childForFieldName('object')!.text : undefined;
    const spell = (q: string): string => {
      if (prefix) return `${prefix}.${q.slice(4)}`;
      const s = pythonModel(file).spellingOf(q);
      if (s) return s;
      const mod = pythonModel(file).moduleAlias('ssl');
      if (mod) return mod + q.slice(3);
      if (importEdits.length === 0) importEdits.push(addImportEdit(file, 'ssl'));
      return q;
    };
    const client = spell('ssl.create_default_context');
    const args = call.childForFieldName('arguments')!;
    const server = spell('ssl.PROTOCOL_TLS_SERVER');
    return [
      {
        title: 'Use `ssl.create_default_context()` (verifies certificates and host names with the system CAs)',
        safety: 'unsafe',
        edits: [...importEdits, { start: call.startIndex, end: call.endIndex, newText: `${client}()` }],
      },
      {
        title: 'Use `ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)` (for a server-side context)',
        safety: 'unsafe',
        edits: [...importEdits, { start: args.startIndex, end: args.endIndex, newText: `(${server})` }],
      },
    ];
  },
  examples: {
    python: {
      bad: `
        import ssl
        ctx = ssl.SSLContext()
      `,
      good: `
        import ssl
        ctx = ssl.create_default_context()
      `,
    },
  },
});
