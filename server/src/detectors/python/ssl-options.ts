import type { Node } from 'web-tree-sitter';
import { enclosingStatement, nameOf, removeStatementEdit } from '../../engine/languages/python';
import { defineDetector } from '../../engine/detector';
import { legacyLabels } from '../../engine/protocols';
import type { Fix, SourceFile, TextEdit } from '../../engine/types';
import { sslConstantUses } from './support/ssl-constants';

const CLEARED = legacyLabels((v) => `ssl.OP_NO_${v.stem}`);

interface State {
  node: Node;
  kind: 'cleared' | 'no-tls12';
}

/** The top of the chain of `|` operations the node is part of. */
function orChain(node: Node): Node {
  let top = node;
  while (top.parent?.type === 'binary_operator' && top.parent.child(1)?.type === '|') top = top.parent;
  while (top.parent?.type === 'parenthesized_expression') top = top.parent;
  return top;
}

/** The ssl constants named in an expression. */
function constantsIn(file: SourceFile, expr: Node): Set<string> {
  const out = new Set<string>();
  for (const n of [expr, ...expr.descendantsOfType(['attribute', 'identifier'])]) {
    if (!n) continue;
    const name = nameOf(file, n, 'direct');
    if (name) out.add(name);
  }
  return out;
}

function underInvert(node: Node): Node | undefined {
  for (let n: Node | null = node.parent; n; n = n.parent) {
    if (n.type === 'unary_operator' && n.child(0)?.type === '~') return n;
    if (n.type !== 'binary_operator' && n.type !== 'parenthesized_expression') return undefined;
  }
  return undefined;
}

/** Whether the node is tested (`ctx.options & ssl.OP_NO_TLSv1_2`) rather than set. */
function isBitTest(node: Node): boolean {
  const p = orChain(node).parent;
  if (p?.type === 'binary_operator' && p.child(1)?.type === '&') return true;
  return (
    p?.type === 'boolean_operator' ||
    p?.type === 'not_operator' ||
    p?.type === 'if_statement' ||
    p?.type === 'while_statement'
  );
}

/** The options a `ctx.options |= ...` statement sets: its target's text, or undefined for any other use. */
function setTarget(node: Node): string | undefined {
  const top = orChain(node);
  const asg = top.parent;
  if (asg?.type !== 'augmented_assignment' || asg.childForFieldName('right')?.id !== top.id) return undefined;
  if ((asg.childForFieldName('operator') ?? asg.child(1))?.type !== '|=') return undefined;
  return asg.childForFieldName('left')?.text.replace(/\s+/g, '');
}

/** The function (or module) a node is in. */
function scopeOf(node: Node): Node | null {
  let n: Node | null = node.parent;
  while (n && n.type !== 'function_definition' && n.type !== 'module') n = n.parent;
  return n;
}

export const detector = defineDetector<State>({
  id: 'python.ssl-options',
  summary:
    '`SSLContext.options` that re-enable legacy versions (`ctx.options &= ~ssl.OP_NO_SSLv3`) or force them by turning TLS 1.2 off (`ctx.options |= ssl.OP_NO_TLSv1_2` without also turning TLS 1.0/1.1 off).',
  docs: `
    \`SSLContext.options\` that re-enable legacy versions (\`ctx.options &= ~ssl.OP_NO_SSLv3\`) or force them
    by turning TLS 1.2 off (\`ctx.options |= ssl.OP_NO_TLSv1_2\` without also turning TLS 1.0/1.1 off).
  `,
  rule: 'legacy-protocol',
  languages: ['python'],
  apis: [
    'ssl.SSLContext.options',
    'ssl.OP_NO_SSLv2',
    'ssl.OP_NO_SSLv3',
    'ssl.OP_NO_TLSv1',
    'ssl.OP_NO_TLSv1_1',
    'ssl.OP_NO_TLSv1_2',
  ],
  tokens: ['OP_NO_'],
  fixAvailability: 'sometimes',
  detect(file, report) {
    const uses = sslConstantUses(file, [...Object.keys(CLEARED), 'ssl.OP_NO_TLSv1_2']);
    for (const { node, name } of uses) {
      const inverted = underInvert(node);
      if (name === 'ssl.OP_NO_TLSv1_2') {
        if (inverted || isBitTest(node)) continue;
        // OP_NO_TLSv1 | OP_NO_TLSv1_1 | OP_NO_TLSv1_2 leaves TLS 1.3 only: not legacy.
        const all = constantsIn(file, orChain(node));
        if (all.has('ssl.OP_NO_TLSv1') && all.has('ssl.OP_NO_TLSv1_1')) continue;
        // The same, one statement each on the same context in the same function (a TLS 1.3-only request:
        // `if "TLSv1.2" not in versions: ctx.options |= ssl.OP_NO_TLSv1_2`, then the same for 1.1 and 1.0).
        const target = setTarget(node);
        const scope = target ? scopeOf(node) : null;
        const alsoSet = (older: string) =>
          uses.some((u) => u.name === older && setTarget(u.node) === target && scopeOf(u.node)?.id === scope?.id);
        if (scope && alsoSet('ssl.OP_NO_TLSv1') && alsoSet('ssl.OP_NO_TLSv1_1')) continue;
        report({
          node,
          message:
            '`ssl.OP_NO_TLSv1_2` turns TLS 1.2 off, leaving only legacy versions (or TLS 1.3 alone only if TLS 1.0 and 1.1 are also off).',
          state: { node, kind: 'no-tls12' },
        });
      } else if (inverted) {
        report({
          node,
          message: `\`~${name}\` clears the option that turns ${CLEARED[name]} off: the legacy version is allowed again.`,
          state: { node, kind: 'cleared' },
        });
      }
    }
  },
  fix(file, r): Fix | undefined {
    const { node, kind } = r.state;
    if (kind === 'cleared') {
      // ctx.options &= ~ssl.OP_NO_SSLv3  ->  ctx.options |= ssl.OP_NO_SSLv3
      const inv = node.parent;
      const asg = inv?.parent;
      if (
        inv?.type === 'unary_operator' &&
        asg?.type === 'augmented_assignment' &&
        asg.childForFieldName('right')?.id === inv.id
      ) {
        const op = asg.childForFieldName('operator') ?? asg.child(1);
        if (op?.type === '&=') {
          return {
            title: `Keep ${CLEARED[nameOf(file, node, 'direct')!]} off (\`|= ${node.text}\`)`,
            safety: 'safe',
            edits: [{ start: op.startIndex, end: inv.endIndex, newText: `|= ${node.text}` }],
          };
        }
      }
      // ctx.options = ctx.options & ~ssl.OP_NO_SSLv3  ->  ctx.options = ctx.options | ssl.OP_NO_SSLv3
      const and = inv?.parent;
      if (
        inv?.type === 'unary_operator' &&
        and?.type === 'binary_operator' &&
        and.child(1)?.type === '&' &&
        and.childForFieldName('right')?.id === inv.id
      ) {
        const op = and.child(1)!;
        return {
          title: `Keep ${CLEARED[nameOf(file, node, 'direct')!]} off (\`| ${node.text}\`)`,
          safety: 'safe',
          edits: [{ start: op.startIndex, end: inv.endIndex, newText: `| ${node.text}` }],
        };
      }
      return undefined;
    }
    // Drop OP_NO_TLSv1_2 from an `A | OP_NO_TLSv1_2 | B` chain, or drop `ctx.options |= ssl.OP_NO_TLSv1_2`.
    let n = node;
    while (n.parent?.type === 'parenthesized_expression') n = n.parent;
    const p = n.parent;
    let edit: TextEdit | undefined;
    if (p?.type === 'binary_operator' && p.child(1)?.type === '|') {
      const left = p.childForFieldName('left')!;
      const right = p.childForFieldName('right')!;
      edit =
        right.id === n.id
          ? { start: left.endIndex, end: n.endIndex, newText: '' }
          : { start: n.startIndex, end: right.startIndex, newText: '' };
    } else if (
      p?.type === 'augmented_assignment' &&
      p.childForFieldName('right')?.id === n.id &&
      (p.childForFieldName('operator') ?? p.child(1))?.type === '|='
    ) {
      const stmt = enclosingStatement(p);
      if (stmt?.type === 'expression_statement' && stmt.namedChildren.length === 1)
        edit = removeStatementEdit(file, stmt);
    }
    return edit ? { title: 'Keep TLS 1.2 on (remove `OP_NO_TLSv1_2`)', safety: 'safe', edits: [edit] } : undefined;
  },
  examples: {
    python: {
      bad: `
        import ssl
        ctx = ssl.create_default_context()
        ctx.options &= ~ssl.OP_NO_SSLv3
      `,
      good: `
        import ssl
        ctx = ssl.create_default_context()
        ctx.options |= ssl.OP_NO_SSLv3
      `,
    },
  },
});
