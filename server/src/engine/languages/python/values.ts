// What Python values mean: the constants a detector compares against (`False`, `0`, `''`, a string's
// text) once the model has said which expression reaches a node, and what an ssl context is known to be.
import type { Node } from 'web-tree-sitter';
import type { SourceFile } from '../../types';
import { methodCallsOn } from './anchors';
import { nameOf, pythonModel, valueOf } from './model';
import { callArgs, dotted, inRange, kwValue, literalString, rangeOf } from './syntax';

export function isFalse(file: SourceFile, node: Node | null | undefined): boolean {
  const v = valueOf(file, node);
  return v?.type === 'false' || (v?.type === 'integer' && v.text === '0');
}

export function isTrue(file: SourceFile, node: Node | null | undefined): boolean {
  const v = valueOf(file, node);
  return v?.type === 'true';
}

/** The value of a plain string literal (or implicit concatenation of them); undefined for f-strings. */
export function stringValue(file: SourceFile, node: Node | null | undefined): string | undefined {
  const v = valueOf(file, node);
  if (!v) return undefined;
  if (v.type === 'concatenated_string') {
    let out = '';
    for (const part of v.namedChildren) {
      const s = stringValue(file, part);
      if (s === undefined) return undefined;
      out += s;
    }
    return out;
  }
  return v.type === 'string' ? literalString(v) : undefined;
}

/**
 * Whether a value is a constant Python treats as false, other than None (which APIs such as
 * requests read as "use the default"): `False`, `0`, `0.0`, `0j`, `''`, `b''`, `[]`, `{}`, `()`,
 * `set()` and the other empty constructors.
 */
export function isFalsy(file: SourceFile, node: Node | null | undefined): boolean {
  const v = valueOf(file, node);
  if (!v) return false;
  switch (v.type) {
    case 'false':
      return true;
    case 'integer':
    case 'float': {
      const n = Number(v.text.replace(/_/g, '').replace(/[jJ]$/, ''));
      return n === 0;
    }
    case 'string':
    case 'concatenated_string':
      return stringValue(file, v) === '';
    case 'list':
    case 'dictionary':
    case 'tuple':
      return v.namedChildren.filter((c) => c && c.type !== 'comment').length === 0;
    case 'call': {
      const fn = v.childForFieldName('function');
      const args = v.childForFieldName('arguments');
      const empty = !!args && args.namedChildren.filter((c) => c && c.type !== 'comment').length === 0;
      return (
        empty &&
        fn?.type === 'identifier' &&
        ['set', 'list', 'dict', 'tuple', 'str', 'bytes', 'frozenset', 'bool'].includes(fn.text) &&
        !pythonModel(file).imports.has(fn.text)
      );
    }
    default:
      return false;
  }
}

/** Where a value that flowed to a sink is reported: the assignment that holds it, else the value itself (a default, an argument). */
export function flowOrigin(value: Node): Node {
  const parent = value.parent;
  return parent?.type === 'assignment' && parent.childForFieldName('right')?.id === value.id ? parent : value;
}

// --- Across files (engine/workspace): constants another module of the project defines. ---

/** The calls that make an `ssl.SSLContext`. */
export const SSL_CONTEXT_FACTORIES = [
  'ssl.SSLContext',
  'ssl.create_default_context',
  'ssl._create_unverified_context',
  'ssl._create_stdlib_context',
  'ssl._create_default_https_context',
];

/** The factory call that made the context an expression holds (through single assignments), if known. */
export function sslContextCall(
  file: SourceFile,
  node: Node | null | undefined,
): { call: Node; factory: string } | undefined {
  const v = valueOf(file, node, 'scoped');
  if (v?.type !== 'call') return undefined;
  const factory = nameOf(file, v.childForFieldName('function'), 'ssl');
  return factory && SSL_CONTEXT_FACTORIES.includes(factory) ? { call: v, factory } : undefined;
}

/**
 * Whether a context factory call makes a server-side context: `SSLContext(PROTOCOL_TLS_SERVER)` or
 * `create_default_context(Purpose.CLIENT_AUTH)` (whose defaults, no client certificate and no host name
 * check, are the right ones for a server).
 */
export function isServerContextCall(file: SourceFile, call: Node, factory: string): boolean {
  const { positional, keywords } = callArgs(call);
  if (factory === 'ssl.SSLContext') {
    const p = positional[0] ?? kwValue(keywords.get('protocol'));
    return (
      nameOf(file, valueOf(file, p) ?? null, 'ssl') === 'ssl.PROTOCOL_TLS_SERVER' ||
      nameOf(file, p, 'ssl') === 'ssl.PROTOCOL_TLS_SERVER'
    );
  }
  if (factory === 'ssl.create_default_context' || factory === 'ssl._create_unverified_context') {
    const p =
      factory === 'ssl.create_default_context'
        ? (positional[0] ?? kwValue(keywords.get('purpose')))
        : kwValue(keywords.get('purpose'));
    return nameOf(file, p, 'ssl') === 'ssl.Purpose.CLIENT_AUTH';
  }
  return false;
}

/**
 * Whether the context held by `target` (`ctx`, `self.ctx`) has CA certificates to verify against:
 * made by `ssl.create_default_context()` for servers' certificates, or given some with
 * `load_verify_locations`, `load_default_certs` or `set_default_verify_paths` anywhere in the file.
 */
export function sslContextHasTrustStore(file: SourceFile, target: Node): boolean {
  const info = sslContextCall(file, target);
  if (info && info.factory === 'ssl.create_default_context' && !isServerContextCall(file, info.call, info.factory))
    return true;
  const key = dotted(target);
  if (!key) return false;
  const range = rangeOf(pythonModel(file).scopeOf(target, key));
  return methodCallsOn(file, key).some(
    ({ method, call }) =>
      (method === 'load_verify_locations' ||
        method === 'load_default_certs' ||
        method === 'set_default_verify_paths') &&
      inRange(range, call),
  );
}
