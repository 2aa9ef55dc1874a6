// Opt-in paths that PHP spells without a flag name, for the engine's intent (rules.md §Intent) to report
// as such: the caller's choice translated into a legacy protocol (`if (TLSv1_0 === $options['crypto_method'])`,
// `match ($options['crypto_method']) { TLSv1_0 => CURL_SSLVERSION_TLSv1_0 }`, `switch` cases), and a
// function's own parameter tested for false (`if ($value === false)` in `add_verify($value)`).
import type { Node } from 'web-tree-sitter';
import { enclosingFunction, parameterNames, plainName } from '../../../engine/languages/php';
import { LEGACY_SSLVERSIONS } from '../../../engine/curl';

const LEGACY_STREAM_METHOD = /^STREAM_CRYPTO_METHOD_(SSLv2|SSLv3|TLSv1_0|TLSv1_1)_(CLIENT|SERVER)$/;
const LEGACY_CURL = new Set(LEGACY_SSLVERSIONS.map((v) => v.name));

/** Whether a node names a legacy protocol constant (a stream crypto method or a `CURL_SSLVERSION_*`). */
export function isLegacyProtocolConstant(node: Node | null | undefined): boolean {
  const name = plainName(node);
  return !!name && (LEGACY_STREAM_METHOD.test(name) || LEGACY_CURL.has(name));
}

/** The legacy stream crypto method a name stands for (`TLSv1_0`) and its role, or undefined. */
export function legacyStreamMethod(name: string | undefined): { version: string; role: string } | undefined {
  const m = LEGACY_STREAM_METHOD.exec(name ?? '');
  return m ? { version: m[1], role: m[2] } : undefined;
}

const LITERAL =
  /^(boolean|integer|float|null|string|encapsed_string|name|qualified_name|class_constant_access_expression)$/;

function within(inner: Node, outer: Node | null | undefined): boolean {
  return !!outer && inner.startIndex >= outer.startIndex && inner.endIndex <= outer.endIndex;
}

function unparen(n: Node): Node {
  while (n.type === 'parenthesized_expression' && n.namedChildCount === 1) n = n.namedChildren[0]!;
  return n;
}

/** The caller's value a condition tests: see `callerFlag`. */
function conditionFlag(cond: Node, params: string[], choice: boolean): Node | undefined {
  const c = unparen(cond);
  const isParam = (n: Node) => n.type === 'variable_name' && params.includes(n.text.replace(/^\$/, ''));
  if (c.type === 'unary_op_expression' && c.child(0)?.text === '!') {
    const operand = c.namedChildren[c.namedChildCount - 1];
    return operand && isParam(unparen(operand)) ? operand : undefined;
  }
  if (c.type !== 'binary_expression') return undefined;
  const op = c.childForFieldName('operator')?.text ?? '';
  if (op === '&&' || op === 'and') {
    for (const side of [c.childForFieldName('left'), c.childForFieldName('right')]) {
      const flag = side ? conditionFlag(side, params, choice) : undefined;
      if (flag) return flag;
    }
    return undefined;
  }
  if (op !== '==' && op !== '===') return undefined;
  const left = c.childForFieldName('left');
  const right = c.childForFieldName('right');
  if (!left || !right) return undefined;
  for (const [a, b] of [
    [left, right],
    [right, left],
  ]) {
    const other = unparen(b);
    if (choice && isLegacyProtocolConstant(unparen(a)) && !LITERAL.test(other.type)) return other;
    if (unparen(a).type === 'boolean' && /^false$/i.test(unparen(a).text) && isParam(other)) return other;
  }
  return undefined;
}

/**
 * The caller's value that selects the path `node` is on, when its name does not say so: a legacy
 * protocol the caller asked for and the code translates (`choice`: in `if`, `match` and `switch`), or a
 * parameter of the enclosing function tested for false. Undefined when neither holds (the engine's own
 * intent walk still reads flag names).
 */
export function callerFlag(node: Node, choice: boolean): Node | undefined {
  const fn = enclosingFunction(node);
  const params = fn ? parameterNames(fn) : [];
  for (let child: Node = node, p = node.parent; p && p.id !== fn?.id; child = p, p = p.parent) {
    if (choice && p.type === 'match_conditional_expression' && within(node, p.childForFieldName('return_expression'))) {
      const conditions = p.childForFieldName('conditional_expressions')?.namedChildren ?? [];
      const subject = p.parent?.parent?.childForFieldName('condition');
      if (subject && conditions.some((c) => isLegacyProtocolConstant(c)) && !LITERAL.test(unparen(subject).type))
        return subject;
    }
    if (choice && p.type === 'case_statement' && child.id !== p.childForFieldName('value')?.id) {
      const subject = p.parent?.parent?.childForFieldName('condition');
      if (subject && isLegacyProtocolConstant(p.childForFieldName('value'))) return subject;
    }
    if ((p.type === 'if_statement' || p.type === 'else_if_clause') && within(node, p.childForFieldName('body'))) {
      const cond = p.childForFieldName('condition');
      const flag = cond ? conditionFlag(cond, params, choice) : undefined;
      if (flag) return flag;
    }
  }
  return undefined;
}

/** A report's `flag` property when there is one (`...optIn(callerFlag(node, false))`). */
export function optIn(flag: Node | undefined): { flag?: Node } {
  return flag ? { flag } : {};
}
