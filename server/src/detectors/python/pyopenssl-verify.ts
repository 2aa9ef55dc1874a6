import type { Node } from 'web-tree-sitter';
import { callArgs, nameOf, pythonModel, valueOf } from '../../engine/languages/python';
import { defineDetector } from '../../engine/detector';
import type { SourceFile } from '../../engine/types';
import { opensslConstant, swapOpensslConstant } from './support/pyopenssl';

/** The operands of a `|` chain. */
function leaves(node: Node): Node[] {
  if (node.type === 'binary_operator' && node.childForFieldName('operator')?.text === '|') {
    return [...leaves(node.childForFieldName('left')!), ...leaves(node.childForFieldName('right')!)];
  }
  if (node.type === 'parenthesized_expression' && node.namedChildren[0]) return leaves(node.namedChildren[0]);
  return [node];
}

/** 'NONE', 'PEER' or 'OTHER' for one operand of a pyOpenSSL or M2Crypto verify mode. */
function modeFlag(file: SourceFile, node: Node): 'NONE' | 'PEER' | 'OTHER' | undefined {
  const member = opensslConstant(file, node);
  if (member) return member === 'VERIFY_NONE' ? 'NONE' : member === 'VERIFY_PEER' ? 'PEER' : 'OTHER';
  const name = nameOf(file, node, 'reaching');
  if (name?.startsWith('M2Crypto.SSL.'))
    return name.endsWith('.verify_none') ? 'NONE' : name.endsWith('.verify_peer') ? 'PEER' : 'OTHER';
  const c = valueOf(file, node);
  if (c?.type === 'integer' && importsTlsLibrary(file)) return c.text === '0' ? 'NONE' : 'OTHER';
  return undefined;
}

function importsTlsLibrary(file: SourceFile): boolean {
  return [...pythonModel(file).imports.values()].some((v) => /^(OpenSSL|pyOpenSSL|M2Crypto)(\.|$)/.test(v));
}

function isTruthyConstant(file: SourceFile, node: Node | null | undefined): boolean {
  const v = valueOf(file, node);
  if (!v) return false;
  if (v.type === 'true') return true;
  if (v.type === 'integer' || v.type === 'float') return Number(v.text.replace(/_/g, '')) !== 0;
  return false;
}

/** The return statements of a function body, not those of nested functions or classes. */
function returnsOf(node: Node, out: Node[] = []): Node[] {
  for (const c of node.namedChildren) {
    if (!c || c.type === 'function_definition' || c.type === 'class_definition' || c.type === 'lambda') continue;
    if (c.type === 'return_statement') out.push(c);
    else returnsOf(c, out);
  }
  return out;
}

/** Whether every path through a block ends in `return <truthy constant>`. */
function alwaysReturnsTruthy(file: SourceFile, block: Node | null | undefined): boolean {
  const stmts = block?.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment') ?? [];
  const last = stmts[stmts.length - 1];
  if (!last) return false;
  if (last.type === 'return_statement') return isTruthyConstant(file, last.namedChildren[0]);
  if (last.type === 'if_statement') {
    const alternatives = last.childrenForFieldName('alternative').filter((a): a is Node => !!a);
    if (!alternatives.some((a) => a.type === 'else_clause')) return false;
    return (
      alwaysReturnsTruthy(file, last.childForFieldName('consequence')) &&
      alternatives.every((a) =>
        alwaysReturnsTruthy(file, a.childForFieldName(a.type === 'else_clause' ? 'body' : 'consequence')),
      )
    );
  }
  return false;
}

/** The function definition a callback names (`cb`, `self.cb`), when exactly one in the file has that name. */
function definitionOf(file: SourceFile, node: Node): Node | undefined {
  const name =
    node.type === 'identifier'
      ? node.text
      : node.type === 'attribute' && node.childForFieldName('object')?.text === 'self'
        ? node.childForFieldName('attribute')?.text
        : undefined;
  if (!name) return undefined;
  const defs = file.nodes('function_definition').filter((d) => d.childForFieldName('name')?.text === name);
  return defs.length === 1 ? defs[0] : undefined;
}

/**
 * The callback a factory call returns (`cb = self._verify_cb(host)` where `_verify_cb` defines
 * `def check(conn, cert, err, depth, ok): ...` and ends `return check`): every return of the factory
 * names the same function defined in its own body.
 */
function factoryProduct(file: SourceFile, cb: Node): Node | undefined {
  const call = cb.type === 'call' ? cb : cb.type === 'identifier' ? valueOf(file, cb, 'scoped') : undefined;
  const fn = call?.type === 'call' ? call.childForFieldName('function') : undefined;
  const factory = fn && definitionOf(file, fn);
  const body = factory?.childForFieldName('body');
  if (!body) return undefined;
  const names = new Set(returnsOf(body).map((r) => r.namedChildren[0]?.text));
  const [name] = names;
  if (names.size !== 1 || !name) return undefined;
  return body.namedChildren.find(
    (c): c is Node => c?.type === 'function_definition' && c.childForFieldName('name')?.text === name,
  );
}

/** Whether a verify callback accepts every certificate. */
function acceptsAll(file: SourceFile, cb: Node): boolean {
  if (cb.type === 'lambda') return isTruthyConstant(file, cb.childForFieldName('body'));
  const def = definitionOf(file, cb) ?? factoryProduct(file, cb);
  if (!def) return false;
  const body = def.childForFieldName('body');
  const returns = body ? returnsOf(body) : [];
  return (
    returns.length > 0 &&
    returns.every((r) => isTruthyConstant(file, r.namedChildren[0])) &&
    alwaysReturnsTruthy(file, body)
  );
}

interface State {
  kind: 'mode' | 'callback';
  m2crypto?: boolean;
}

export const detector = defineDetector<State>({
  id: 'python.pyopenssl-verify',
  summary: 'pyOpenSSL (and M2Crypto) peers that are not verified.',
  docs: `
    pyOpenSSL (and M2Crypto) peers that are not verified: \`set_verify(SSL.VERIFY_NONE, ...)\`, and a
    verify callback that accepts every certificate (\`lambda *a: True\`, a function that always returns True,
    also when a factory builds it: \`callback = self._make_cb(host)\` whose nested \`def check(...)\` always
    returns True).
  `,
  rule: 'cert-verification-disabled',
  languages: ['python'],
  apis: ['OpenSSL.SSL.Context.set_verify', 'OpenSSL.SSL.Connection.set_verify', 'M2Crypto.SSL.Context.set_verify'],
  tokens: ['set_verify'],
  fixAvailability: 'sometimes',
  detect(file, report) {
    for (const call of file.nodes('call')) {
      const fn = call.childForFieldName('function');
      if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'set_verify') continue;
      const args = callArgs(call);
      const mode = args.keywords.get('mode')?.childForFieldName('value') ?? args.positional[0];
      if (!mode) continue;
      const flags = leaves(mode).map((l) => ({ node: l, flag: modeFlag(file, l) }));
      if (flags.some((f) => f.flag === undefined)) continue;
      if (!flags.some((f) => f.flag === 'PEER')) {
        const none = flags.find((f) => f.flag === 'NONE');
        const m2crypto = nameOf(file, (none ?? flags[0]).node, 'reaching')?.startsWith('M2Crypto.') ?? false;
        report({
          node: none ? none.node : mode,
          message: `\`set_verify(${mode.text})\` does not verify the peer's certificate: anything is accepted.`,
          state: { kind: 'mode', m2crypto },
        });
        continue;
      }
      const cb = args.keywords.get('callback')?.childForFieldName('value') ?? args.positional[1];
      if (cb && acceptsAll(file, cb)) {
        report({
          node: cb,
          message:
            '`set_verify` is given a callback that accepts every certificate, whatever OpenSSL found wrong with it.',
          state: { kind: 'callback' },
        });
      }
    }
  },
  fix(file, r) {
    const node = r.node!;
    const { kind, m2crypto } = r.state;
    if (kind === 'mode') {
      let edit: { start: number; end: number; newText: string } | undefined;
      if (m2crypto && node.type === 'attribute') {
        const attr = node.childForFieldName('attribute')!;
        edit = { start: attr.startIndex, end: attr.endIndex, newText: 'verify_peer' };
      } else if (node.type === 'integer') {
        const spelled = pythonModel(file).spellingOf('OpenSSL.SSL.VERIFY_PEER');
        edit = spelled ? { start: node.startIndex, end: node.endIndex, newText: spelled } : undefined;
      } else {
        edit = swapOpensslConstant(file, node, 'VERIFY_PEER');
      }
      // The context also needs trust anchors (`set_default_verify_paths()` or `load_verify_locations`).
      return edit
        ? {
            title: m2crypto
              ? 'Verify the peer (`verify_peer`); the context needs trust anchors'
              : 'Verify the peer (`VERIFY_PEER`); the context needs trust anchors',
            safety: 'unsafe',
            edits: [edit],
          }
        : undefined;
    }
    if (node.type !== 'lambda') return undefined;
    const params = node.childForFieldName('parameters')?.namedChildren.filter((p): p is Node => !!p) ?? [];
    const body = node.childForFieldName('body')!;
    let verdict: string | undefined;
    if (params.length === 5 && params.every((p) => p.type === 'identifier')) verdict = params[4].text;
    else if (params.length === 1 && params[0].type === 'list_splat_pattern')
      verdict = `${params[0].namedChildren[0]?.text}[-1]`;
    if (!verdict) return undefined;
    // OpenSSL's own verdict (`preverify_ok`), the last argument pyOpenSSL passes.
    return {
      title: "Return OpenSSL's own verdict (the callback's last argument)",
      safety: 'unsafe',
      edits: [{ start: body.startIndex, end: body.endIndex, newText: verdict }],
    };
  },
  examples: {
    python: {
      bad: `
        from OpenSSL import SSL
        ctx = SSL.Context(SSL.TLS_CLIENT_METHOD)
        ctx.set_verify(SSL.VERIFY_NONE)
      `,
      good: `
        from OpenSSL import SSL
        ctx = SSL.Context(SSL.TLS_CLIENT_METHOD)
        ctx.set_verify(SSL.VERIFY_PEER)
        ctx.set_default_verify_paths()
      `,
    },
  },
});
