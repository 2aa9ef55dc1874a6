import type { Node } from 'web-tree-sitter';
import { analyzeCipherString, describeWeakness, intermediateCiphersFix } from '../../engine/ciphers';
import {
  callArgs,
  callsNamed,
  enclosingStatement,
  kwValue,
  nameOf,
  removeStatementEdit,
  sslContextCall,
  stringValue,
  valueOf,
} from '../../engine/languages/python';
import { defineDetector } from '../../engine/detector';
import type { Fix } from '../../engine/types';

interface State {
  literal: Node;
  /** The `set_ciphers(...)` call, when it is a statement of its own with the string written inline. */
  call?: Node | undefined;
}

export const detector = defineDetector<State>({
  id: 'python.ssl-set-ciphers',
  summary:
    '`SSLContext.set_ciphers("...")` and `ssl.wrap_socket(ciphers="...")` with a cipher string that enables NULL, anonymous, EXPORT, RC4, DES/3DES, RC2, IDEA, SEED or MD5 suites (OpenSSL\'s own evaluation of the string).',
  docs: `
    \`SSLContext.set_ciphers("...")\` and \`ssl.wrap_socket(ciphers="...")\` with a cipher string that enables
    NULL, anonymous, EXPORT, RC4, DES/3DES, RC2, IDEA, SEED or MD5 suites (OpenSSL's own evaluation of the string).
  `,
  rule: 'weak-cipher',
  languages: ['python'],
  apis: ['ssl.SSLContext.set_ciphers', 'ssl.wrap_socket'],
  tokens: ['set_ciphers', 'ciphers='],
  fixAvailability: 'always',
  detect(file, report) {
    for (const call of callsNamed(file, ['set_ciphers', 'wrap_socket'])) {
      const fn = call.childForFieldName('function');
      let arg: Node | undefined;
      let api: string;
      if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'set_ciphers') {
        const obj = fn.childForFieldName('object')!;
        const q = nameOf(file, obj);
        // An ssl context, or an object of unknown type; not another library's object.
        if (!sslContextCall(file, obj) && q !== undefined && !q.startsWith('ssl.')) continue;
        const { positional, keywords } = callArgs(call);
        arg = positional[0] ?? kwValue(keywords.get('cipherlist'));
        api = 'SSLContext.set_ciphers';
      } else if (nameOf(file, fn, 'ssl') === 'ssl.wrap_socket') {
        const { positional, keywords } = callArgs(call);
        arg = kwValue(keywords.get('ciphers')) ?? positional[9];
        api = 'ssl.wrap_socket(ciphers=...)';
      } else {
        continue;
      }
      const value = stringValue(file, arg);
      const literal = valueOf(file, arg);
      if (value === undefined || !literal) continue;
      const analysis = analyzeCipherString(value);
      if (analysis.weak.length === 0) continue;
      const stmt = enclosingStatement(call);
      const alone =
        api === 'SSLContext.set_ciphers' &&
        literal.id === arg.id &&
        stmt?.type === 'expression_statement' &&
        stmt.namedChildren[0]?.id === call.id;
      report({
        node: literal,
        message: `\`${api}\` enables weak cipher suites (${describeWeakness(analysis.reasons)}).`,
        state: { literal, call: alone ? call : undefined },
      });
    }
  },
  fix(file, r): Fix[] {
    const { literal, call } = r.state;
    const quote = /^[rRuUbB]*(['"])/.exec(literal.text)?.[1] ?? '"';
    const fixes: Fix[] = [intermediateCiphersFix(literal, quote)];
    const stmt = call ? enclosingStatement(call) : undefined;
    const removal = stmt ? removeStatementEdit(file, stmt) : undefined;
    if (removal)
      fixes.push({ title: "Remove the call (keep OpenSSL's default ciphers)", safety: 'unsafe', edits: [removal] });
    return fixes;
  },
  examples: {
    python: {
      bad: `
        import ssl
        ctx = ssl.create_default_context()
        ctx.set_ciphers("ALL")
      `,
      good: `
        import ssl
        ctx = ssl.create_default_context()
        ctx.set_ciphers("ECDHE+AESGCM:!aNULL")
      `,
    },
  },
});
