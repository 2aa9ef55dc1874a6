// Where Go code turns crypto/tls verification off (`InsecureSkipVerify: true`, `cfg.InsecureSkipVerify =
// flag`), and whether a custom verification callback beside it puts the platform's verification back:
// `VerifyPeerCertificate` / `VerifyConnection` calling `x509.Certificate.Verify` with the pool and
// returning its error. With a `DNSName` that restores everything; without one (libpq's verify-ca), it
// restores the chain but not the host name.
import type { Node } from 'web-tree-sitter';
import { flagValue } from '../../../engine/intent';
import {
  declarationOf,
  elementValue,
  isFalseConstant,
  isPackageMember,
  isTrue,
  keyedElements,
  tlsConfigLiterals,
  tlsFieldWrites,
} from '../../../engine/languages/go';
import type { SourceFile } from '../../../engine/types';

export const CALLBACKS = ['VerifyPeerCertificate', 'VerifyConnection'];

/** What a custom callback beside the skip does: verifies chain and name, the chain only, or something else. */
export type Delegation = 'full' | 'chain' | 'other';

export interface SkipSite {
  /** The keyed element or the assignment statement. */
  node: Node;
  value: Node;
  /** The caller's flag that controls it (`InsecureSkipVerify: cfg.Insecure`), when not a constant. */
  flag: Node | undefined;
  /** How the code writes it: `tls.Config` for a literal, the receiver for a write. */
  receiver: string | undefined;
  /** The custom verification callback beside it, when there is one. */
  custom: Delegation | undefined;
}

const FUNCTIONS = new Set(['function_declaration', 'method_declaration', 'func_literal']);

function enclosingFunction(node: Node): Node | undefined {
  for (let p = node.parent; p; p = p.parent) if (FUNCTIONS.has(p.type)) return p;
  return undefined;
}

/** The body of a callback value: a function literal, or a function of the file named once. */
function callbackBody(file: SourceFile, value: Node): Node | undefined {
  if (value.type === 'func_literal') return value.childForFieldName('body') ?? undefined;
  if (value.type !== 'identifier') return undefined;
  const defs = file.nodes('function_declaration').filter((d) => d.childForFieldName('name')?.text === value.text);
  return defs.length === 1 ? (defs[0].childForFieldName('body') ?? undefined) : undefined;
}

/** The `x509.VerifyOptions{...}` literal an argument is, or names through a local declared with it. */
function verifyOptionsLiteral(file: SourceFile, arg: Node): Node | undefined {
  let n: Node | undefined = arg;
  if (n.type === 'unary_expression') n = n.childForFieldName('operand') ?? undefined;
  if (n?.type === 'identifier') n = declarationOf(file, n)?.value;
  if (n?.type !== 'composite_literal') return undefined;
  const type = n.childForFieldName('type');
  const named = type?.type === 'qualified_type' ? type.childForFieldName('name')?.text : type?.text;
  if (named !== 'VerifyOptions') return undefined;
  if (type?.type === 'qualified_type' && !isPackageMember(file, type, 'crypto/x509')) {
    const pkg = type.childForFieldName('package')?.text;
    if (pkg !== 'x509') return undefined;
  }
  return n;
}

/**
 * Whether a callback body hands the certificates to `Certificate.Verify` and lets its error decide: the
 * error is returned or tested. 'full' when the options carry a DNSName (in the literal or written later),
 * 'chain' when they do not, 'other' when the callback does not delegate (pinning, a fingerprint check...).
 */
export function delegation(file: SourceFile, value: Node): Delegation {
  const body = callbackBody(file, value);
  return body ? delegationIn(file, body) : 'other';
}

/** What the code of `body` does with the peer's certificates (see `delegation`). */
function delegationIn(file: SourceFile, body: Node): Delegation {
  for (const call of body.descendantsOfType('call_expression')) {
    const fn = call?.childForFieldName('function');
    if (!call || fn?.type !== 'selector_expression' || fn.childForFieldName('field')?.text !== 'Verify') continue;
    const arg = call.childForFieldName('arguments')?.namedChildren[0];
    const opts = arg && verifyOptionsLiteral(file, arg);
    if (!arg || !opts) continue;
    // `_, err := leaf.Verify(opts)` then `return err` / `if err != nil`, or `return leaf.Verify(opts)`-style use.
    const stmt = call.parent?.type === 'expression_list' ? call.parent.parent : call.parent;
    let used = stmt?.type === 'return_statement';
    if (stmt?.type === 'short_var_declaration' || stmt?.type === 'assignment_statement') {
      const err = stmt.childForFieldName('left')?.namedChildren.at(-1)?.text;
      used =
        !!err &&
        err !== '_' &&
        [...body.descendantsOfType('return_statement'), ...body.descendantsOfType('if_statement')].some(
          (s) => !!s && s.startIndex > stmt.endIndex && new RegExp(`\\b${err}\\b`).test(s.text.split('{')[0]),
        );
    }
    if (!used) continue;
    const name = keyedElements(opts).get('DNSName');
    const nameValue = name && elementValue(name);
    const written =
      arg.type === 'identifier' &&
      body
        .descendantsOfType('assignment_statement')
        .some((a) => a?.childForFieldName('left')?.text.replace(/\s+/g, '') === `${arg.text}.DNSName`);
    return (nameValue && !/^""$/.test(nameValue.text)) || written ? 'full' : 'chain';
  }
  return 'other';
}

/**
 * The custom callback written on the same receiver in the same function as a field write, in a block
 * that holds the write too (the same `case`, or around it): one set in a sibling branch does not apply.
 */
function callbackBesideWrite(file: SourceFile, statement: Node, receiver: string): Node | undefined {
  const fn = enclosingFunction(statement);
  for (const w of tlsFieldWrites(file, CALLBACKS)) {
    if (w.receiver.text !== receiver || enclosingFunction(w.statement)?.id !== fn?.id) continue;
    const block = w.statement.parent;
    if (block && statement.startIndex >= block.startIndex && statement.endIndex <= block.endIndex) return w.value;
  }
  return undefined;
}

/**
 * The verification a write's own branch asks for after the handshake: the branch sets a local flag
 * (`verifyCaOnly = true` in libpq's `verify-ca` case) that guards, later in the same function, a block
 * verifying the peer's chain itself (`if verifyCaOnly { ... certs[0].Verify(opts) ... }`).
 */
function verificationAfterHandshake(file: SourceFile, statement: Node): Delegation | undefined {
  const fn = enclosingFunction(statement);
  const branch = statement.parent;
  if (!fn || !branch) return undefined;
  const flags = new Set<string>();
  for (const a of branch.namedChildren) {
    if (a?.type !== 'assignment_statement') continue;
    const left = a.childForFieldName('left')?.text;
    if (left && /^\w+$/.test(left) && a.childForFieldName('right')?.text === 'true') flags.add(left);
  }
  if (flags.size === 0) return undefined;
  for (const guard of fn.descendantsOfType('if_statement')) {
    const cond = guard?.childForFieldName('condition')?.text;
    const body = guard?.childForFieldName('consequence');
    if (!guard || !cond || !body || !flags.has(cond) || guard.startIndex < statement.endIndex) continue;
    const found = delegationIn(file, body);
    if (found !== 'other') return found;
  }
  return undefined;
}

/** Every place the file skips verification, constant or caller-controlled. */
export function skipVerifySites(file: SourceFile): SkipSite[] {
  return file.memo('go.skipVerifySites', () => {
    const out: SkipSite[] = [];
    const flagOf = (value: Node) =>
      isTrue(file, value) || isFalseConstant(file, value) ? undefined : flagValue(value, true);
    for (const lit of tlsConfigLiterals(file)) {
      const keys = keyedElements(lit);
      const el = keys.get('InsecureSkipVerify');
      const value = el && elementValue(el);
      if (!el || !value) continue;
      const flag = flagOf(value);
      if (!flag && !isTrue(file, value)) continue;
      const cb = CALLBACKS.map((k) => keys.get(k)).find((k) => !!k);
      const cbValue = cb && elementValue(cb);
      out.push({
        node: el,
        value,
        flag,
        receiver: undefined,
        custom: cb ? (cbValue ? delegation(file, cbValue) : 'other') : undefined,
      });
    }
    for (const w of tlsFieldWrites(file, ['InsecureSkipVerify'])) {
      const flag = flagOf(w.value);
      if (!flag && !isTrue(file, w.value)) continue;
      const cb = callbackBesideWrite(file, w.statement, w.receiver.text);
      out.push({
        node: w.statement,
        value: w.value,
        flag,
        receiver: w.receiver.text,
        custom: cb ? delegation(file, cb) : verificationAfterHandshake(file, w.statement),
      });
    }
    return out;
  });
}
