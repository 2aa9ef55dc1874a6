// Ruby helpers for the TLS detectors: hash keys and symbols as plain names, constants of the file,
// and the receiver chain of a call, so `ssl: { verify: false }`, `:verify => false` and
// `"verify" => false` read the same.
import type { Node } from 'web-tree-sitter';
import type { SourceFile } from '../types';

/** The name a symbol, hash key or plain string stands for: `:verify`, `verify:`, `"verify"` give `verify`. */
export function symbolName(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  switch (node.type) {
    case 'hash_key_symbol':
    case 'identifier':
    case 'constant':
      return node.text;
    case 'simple_symbol':
      return node.text.replace(/^:/, '');
    case 'delimited_symbol':
    case 'string':
      return literalText(node);
    default:
      return undefined;
  }
}

/** The literal parts of a string or `:"symbol"` joined; undefined when it interpolates. */
export function literalText(node: Node): string | undefined {
  if (node.namedChildren.some((c) => c?.type === 'interpolation')) return undefined;
  return node.namedChildren
    .filter((c) => c?.type === 'string_content')
    .map((c) => c.text)
    .join('');
}

/** The key of a hash pair as a plain name. */
export function pairKey(pair: Node): string | undefined {
  return symbolName(pair.childForFieldName('key'));
}

/** Constants assigned once in the file (`VERIFY = false`), by name. */
export function constants(file: SourceFile): Map<string, Node> {
  return file.memo('ruby.constants', () => {
    const seen = new Map<string, Node[]>();
    for (const a of file.nodes('assignment')) {
      const left = a.childForFieldName('left');
      const right = a.childForFieldName('right');
      if (left?.type === 'constant' && right) seen.set(left.text, [...(seen.get(left.text) ?? []), right]);
    }
    const out = new Map<string, Node>();
    for (const [k, v] of seen) if (v.length === 1) out.set(k, v[0]);
    return out;
  });
}

const SCOPES = /^(method|singleton_method|block|do_block|lambda|program|class|module|singleton_class)$/;

/** The innermost method, block, class or program around a node. */
export function scopeOf(node: Node): Node | undefined {
  for (let p = node.parent; p; p = p.parent) if (SCOPES.test(p.type)) return p;
  return undefined;
}

/** Assignments to local variables, by name, with the id of the scope each is made in (read once per file). */
function localWrites(file: SourceFile): Map<string, { node: Node; scope: number }[]> {
  return file.memo('ruby.localWrites', () => {
    const out = new Map<string, { node: Node; scope: number }[]>();
    for (const a of file.nodes('assignment', 'operator_assignment')) {
      const left = a.childForFieldName('left');
      const scope = scopeOf(a);
      if (left?.type !== 'identifier' || !scope) continue;
      out.set(left.text, [...(out.get(left.text) ?? []), { node: a, scope: scope.id }]);
    }
    return out;
  });
}

/**
 * The value a local variable holds where `node` reads it: its one assignment (`ciphers = "..."`) in this
 * scope or a scope around it, made before the read. Undefined when it is assigned more than once there
 * (a value that changes is not followed) or not at all (a method call or parameter).
 */
export function localValue(file: SourceFile, node: Node): Node | undefined {
  if (node.type !== 'identifier') return undefined;
  const candidates = localWrites(file).get(node.text);
  if (!candidates) return undefined;
  const around = new Set<number>();
  for (let p: Node | null = node; p; p = p.parent) if (SCOPES.test(p.type)) around.add(p.id);
  const writes = candidates.filter((w) => around.has(w.scope)).map((w) => w.node);
  const only = writes.length === 1 ? writes[0] : undefined;
  if (!only || only.type !== 'assignment' || only.endIndex > node.startIndex) return undefined;
  return only.childForFieldName('right') ?? undefined;
}

/** Follows a constant of the file, or a local assigned once before, to its value (once). */
export function resolve(file: SourceFile, node: Node | null | undefined): Node | undefined {
  if (!node) return undefined;
  if (node.type === 'constant') return constants(file).get(node.text) ?? node;
  if (node.type === 'identifier') {
    const local = localValue(file, node);
    if (local) return local;
    // A probe lint (engine/calls): a parameter holds the caller's constant.
    if (file.probe) return probedParameter(file, node) ?? node;
    return node;
  }
  if (node.type === 'parenthesized_statements' && node.namedChildCount === 1)
    return resolve(file, node.namedChildren[0]);
  return node;
}

export function isFalse(file: SourceFile, node: Node | null | undefined): boolean {
  return resolve(file, node)?.type === 'false';
}

/** The scope and name of `A::B::C` as one string (`OpenSSL::SSL::VERIFY_NONE`), leading `::` dropped. */
export function scopedName(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'constant') return node.text;
  if (node.type === 'scope_resolution') return node.text.replace(/\s+/g, '').replace(/^::/, '');
  return undefined;
}

/** Whether a value node is being compared or matched, not assigned or passed (`x == VERIFY_NONE`, `when VERIFY_NONE`). */
export function inComparison(node: Node): boolean {
  const p = node.parent;
  if (!p) return false;
  if (p.type === 'binary') {
    const op = p.childForFieldName('operator')?.text;
    return (
      op === '==' ||
      op === '!=' ||
      op === '===' ||
      op === '<=>' ||
      op === '<' ||
      op === '>' ||
      op === '<=' ||
      op === '>='
    );
  }
  return p.type === 'when' || p.type === 'pattern' || p.type === 'in_clause';
}

/** The call that takes `node` as an argument, directly or inside hash literals. */
export function enclosingCall(node: Node): Node | undefined {
  let n: Node | null = node.parent;
  while (n && (n.type === 'pair' || n.type === 'hash' || n.type === 'argument_list')) n = n.parent;
  return n?.type === 'call' ? n : undefined;
}

/** The pair whose value is the hash that holds `pair` (`ssl: { verify: false }` gives the `ssl:` pair). */
export function outerPair(pair: Node): Node | undefined {
  const hash = pair.parent;
  const outer = hash?.type === 'hash' ? hash.parent : null;
  return outer?.type === 'pair' ? outer : undefined;
}

/**
 * The probe's constant for a parameter of the top-level method a probe lint names (`arg` of
 * `def connect(host, arg)` probed with `false`), read where `use` names it; undefined otherwise.
 */
function probedParameter(file: SourceFile, use: Node): Node | undefined {
  const probe = file.probe;
  if (!probe || use.type !== 'identifier') return undefined;
  let method: Node | null = use.parent;
  while (method && method.type !== 'method') method = method.parent;
  if (!method || method.parent?.type !== 'program' || method.childForFieldName('name')?.text !== probe.function)
    return undefined;
  // A parameter the method writes holds the caller's constant only until then: not followed.
  const writes = localWrites(file).get(use.text) ?? [];
  if (writes.some((w) => w.node.startIndex >= method.startIndex && w.node.endIndex <= method.endIndex))
    return undefined;
  let index = 0;
  for (const p of method.childForFieldName('parameters')?.namedChildren ?? []) {
    if (!p) continue;
    if (p.type === 'identifier' || p.type === 'optional_parameter') {
      const name = p.type === 'identifier' ? p.text : p.childForFieldName('name')?.text;
      if (name === use.text) return probe.index === index ? file.workspace?.probeNode(probe.text, use) : undefined;
      index++;
    } else if (p.type === 'keyword_parameter') {
      if (p.childForFieldName('name')?.text === use.text)
        return probe.param === use.text ? file.workspace?.probeNode(probe.text, use) : undefined;
    }
  }
  return undefined;
}
