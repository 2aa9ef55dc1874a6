import type { Node } from 'web-tree-sitter';
import {
  constantOf,
  flowsInto,
  isOptionsParser,
  isPlainHttpApi,
  isRemovableStatement,
  jsModel,
  qualifiedName,
  memberName,
  memberValue,
  removeListItemRange,
  removeStatementRange,
  unwrap,
} from '../../engine/languages/javascript';
import { defineDetector } from '../../engine/detector';
import type { SourceFile } from '../../engine/types';

const NAME = 'checkServerIdentity';
const NOOPS = new Set([
  'lodash.noop',
  'lodash/noop',
  'lodash-es.noop',
  'underscore.noop',
  'Function.prototype',
  'ramda.F',
  'lodash.stubFalse',
  'lodash.stubTrue',
]);
const FUNCTION_TYPES = new Set([
  'arrow_function',
  'function_expression',
  'function',
  'function_declaration',
  'method_definition',
  'generator_function',
]);

interface State {
  /** What the fix removes: the object member, or the assignment's statement. */
  remove: Node;
  kind: 'member' | 'statement';
  /** The callback has no statements besides constant returns and is written inline. */
  trivial: boolean;
}

/** Whether an expression is a constant (so returning it checks nothing). */
function isConstant(n: Node | undefined): boolean {
  const v = unwrap(n);
  if (!v) return true;
  if (['true', 'false', 'null', 'undefined', 'number', 'string'].includes(v.type)) return true;
  if (v.type === 'identifier' && v.text === 'undefined') return true;
  if (v.type === 'unary_expression' && v.childForFieldName('operator')?.text === 'void') return true;
  if (v.type === 'template_string') return !v.namedChildren.some((c) => c?.type === 'template_substitution');
  return false;
}

/**
 * Whether a callback accepts every host: no `throw`, and every `return` (outside nested functions)
 * gives a constant. Returns its triviality too (nothing but constant returns), for the fix's safety.
 */
function acceptsAll(fn: Node): { accepts: boolean; trivial: boolean } {
  if (!FUNCTION_TYPES.has(fn.type)) return { accepts: true, trivial: false };
  const body = fn.childForFieldName('body');
  if (!body) return { accepts: false, trivial: false };
  if (body.type !== 'statement_block') {
    const c = isConstant(body);
    return { accepts: c, trivial: c };
  }
  let accepts = true;
  let trivial = true;
  for (const stmt of body.namedChildren) {
    if (!stmt || stmt.type === 'comment') continue;
    if (stmt.type !== 'return_statement' && stmt.type !== 'empty_statement') trivial = false;
  }
  const visit = (n: Node): void => {
    if (!accepts) return;
    for (const c of n.namedChildren) {
      if (!c || FUNCTION_TYPES.has(c.type) || c.type === 'class_declaration' || c.type === 'class') continue;
      if (c.type === 'throw_statement') accepts = false;
      else if (c.type === 'return_statement') {
        if (!isConstant(c.namedChildren.find((x) => x?.type !== 'comment') ?? undefined)) accepts = false;
      } else visit(c);
    }
  };
  visit(body);
  return { accepts, trivial: accepts && trivial };
}

/** The function a callback value is: inline, or a same-file function or const-bound function. */
function functionOf(file: SourceFile, value: Node): { fn: Node; inline: boolean } | undefined {
  const v = unwrap(value);
  if (!v) return undefined;
  // Library no-ops: `_.noop`, `require('lodash/noop')`, `Function.prototype`.
  if (NOOPS.has(qualifiedName(file, v) ?? '')) return { fn: v, inline: false };
  if (FUNCTION_TYPES.has(v.type)) return { fn: v, inline: true };
  // `insecure ? () => undefined : undefined`: an opt-in the caller controls; removing it is not this fix's call.
  if (v.type === 'ternary_expression') {
    for (const branch of [v.childForFieldName('consequence'), v.childForFieldName('alternative')]) {
      const f = branch ? functionOf(file, branch) : undefined;
      if (f && acceptsAll(f.fn).accepts) return { fn: f.fn, inline: false };
    }
    return undefined;
  }
  if (v.type === 'identifier') {
    const declared = jsModel(file).functions.get(v.text);
    if (declared) return { fn: declared, inline: false };
    const bound = constantOf(file, v);
    if (bound && FUNCTION_TYPES.has(bound.type)) return { fn: bound, inline: false };
  }
  return undefined;
}

export const detector = defineDetector<State>({
  id: 'javascript.tls-check-server-identity',
  summary:
    'A `checkServerIdentity` callback that never reports a mismatch (`() => undefined`, `() => {}`, `function () { return null }`, `() => true`).',
  docs: `
    A \`checkServerIdentity\` callback that never reports a mismatch (\`() => undefined\`, \`() => {}\`,
    \`function () { return null }\`, \`() => true\`): the certificate may be valid, but not for this host.
  `,
  rule: 'hostname-verification-disabled',
  languages: ['javascript', 'typescript', 'tsx'],
  apis: ['tls.connect', 'https.request', 'https.get', 'https.Agent', 'tls.TLSSocket', 'undici.Agent', 'request', 'ws'],
  tokens: [NAME],
  fixAvailability: 'sometimes',
  detect(file, report) {
    for (const member of file.nodes('pair', 'method_definition', 'shorthand_property_identifier')) {
      if (member.parent?.type !== 'object' || memberName(member) !== NAME) continue;
      const value = memberValue(member);
      const f = value ? functionOf(file, value) : undefined;
      if (!f) continue;
      const { accepts, trivial } = acceptsAll(f.fn);
      if (!accepts) continue;
      const consumer = flowsInto(file, member.parent);
      if (consumer && (isPlainHttpApi(consumer.name) || isOptionsParser(consumer.name))) continue;
      const api = consumer?.shown;
      const node = member.type === 'method_definition' ? (member.childForFieldName('name') ?? member) : member;
      report({
        node,
        message: `${api ? `\`${api}\` option ` : ''}\`${NAME}\` accepts every certificate: the server's host name is never checked.`,
        state: { remove: member, kind: 'member', trivial: trivial && f.inline },
      });
    }
    for (const asg of file.nodes('assignment_expression')) {
      const left = unwrap(asg.childForFieldName('left'));
      const right = asg.childForFieldName('right');
      if (left?.type !== 'member_expression' || left.childForFieldName('property')?.text !== NAME || !right) continue;
      const f = functionOf(file, right);
      if (!f) continue;
      const { accepts, trivial } = acceptsAll(f.fn);
      if (!accepts) continue;
      const stmt = asg.parent;
      report({
        node: asg,
        message: `\`${NAME}\` is set to a callback that accepts every certificate: the server's host name is never checked.`,
        state: {
          remove: stmt?.type === 'expression_statement' ? stmt : asg,
          kind: 'statement',
          trivial: trivial && f.inline,
        },
      });
    }
  },
  fix(file, r) {
    const { remove, kind, trivial } = r.state;
    // Without the option Node uses `tls.checkServerIdentity`, its own RFC 6125 check. When the callback
    // did more than return a constant (logging, say), dropping it drops that too: a change to review.
    const title = `Remove \`${NAME}\` (use Node's default \`tls.checkServerIdentity\`)`;
    const safety = trivial ? 'safe' : 'unsafe';
    if (kind === 'member') return { title, safety, edits: [{ ...removeListItemRange(file, remove), newText: '' }] };
    if (remove.type !== 'expression_statement' || !isRemovableStatement(remove)) return undefined;
    return { title, safety, edits: [{ ...removeStatementRange(file, remove), newText: '' }] };
  },
  examples: {
    javascript: {
      bad: `
        const tls = require('tls');
        tls.connect(443, 'example.com', { checkServerIdentity: () => undefined });
      `,
      good: `
        const tls = require('tls');
        tls.connect(443, 'example.com', { servername: 'example.com' });
      `,
    },
  },
});
