// Intent: where a Python constant is only named, not configured (a test table, an assertion, a
// translation table's key), or where a setting is made moot by a pinned fingerprint.
import type { Node } from 'web-tree-sitter';
import type { SourceFile } from '../../types';
import { nodesAround } from './anchors';
import { callArgs, dotted } from './syntax';

/** Test-input decorators and calls whose arguments are tables of inputs: pytest's `parametrize`, `pytest.param`, fixture `params=`. */
function isTestTableCall(call: Node): boolean {
  const fn = call.childForFieldName('function');
  const text = fn ? (dotted(fn) ?? '') : '';
  const last = text.slice(text.lastIndexOf('.') + 1);
  if (last === 'parametrize' || text === 'pytest.param' || text === 'param') return true;
  return last === 'fixture' && callArgs(call).keywords.has('params');
}

/** Whether a name is passed to a test-table call (`parametrize(..., NAME)`) somewhere in the file. */
function isTestTableName(file: SourceFile, name: string): boolean {
  return file.memo(`python.testTableName:${name}`, () =>
    nodesAround(file, [name], ['call']).some(
      (call) =>
        isTestTableCall(call) &&
        (call.childForFieldName('arguments')?.namedChildren ?? []).some(
          (a) => a?.type === 'identifier' && a.text === name,
        ),
    ),
  );
}

/**
 * Whether a setting sits where a certificate fingerprint is pinned instead: under an `if` that tests a
 * fingerprint option, or in a block that also passes `assert_fingerprint` (urllib3 then checks the
 * fingerprint, not the chain or the name).
 */
export function pinnedByFingerprint(node: Node): boolean {
  let child = node;
  let firstBlock = true;
  for (let n: Node | null = node.parent; n; child = n, n = n.parent) {
    if (
      (n.type === 'if_statement' || n.type === 'elif_clause') &&
      n.childForFieldName('consequence')?.id === child.id &&
      /fingerprint/i.test(n.childForFieldName('condition')?.text ?? '')
    )
      return true;
    if (n.type === 'block' && firstBlock) {
      firstBlock = false;
      // A simple statement beside it that sets `assert_fingerprint` (`kw["assert_fingerprint"] = fp`).
      const sets = n.namedChildren.some(
        (st) => st?.type === 'expression_statement' && /\bassert_fingerprint\b/.test(st.text),
      );
      if (sets) return true;
    }
    if (n.type === 'function_definition' || n.type === 'class_definition') return false;
  }
  return false;
}

/**
 * Whether a call's result is only looked at by assertions: `ctx = make(verify=False)` followed, in its
 * function, only by `assert ctx...` lines. It is the input of a function under test, not a connection.
 */
export function resultOnlyAsserted(call: Node): boolean {
  const asg = call.parent;
  const target =
    asg?.type === 'assignment' && asg.childForFieldName('right')?.id === call.id ? asg.childForFieldName('left') : null;
  if (target?.type !== 'identifier') return false;
  let fn: Node | null = asg!.parent;
  while (fn && fn.type !== 'function_definition') fn = fn.parent;
  if (!fn) return false;
  const body = fn;
  const uses = body
    .descendantsOfType('identifier')
    .filter((id): id is Node => !!id && id.text === target.text && id.id !== target.id);
  return (
    uses.length > 0 &&
    uses.every((id) => {
      for (let n: Node | null = id.parent; n && n.id !== body.id; n = n.parent)
        if (n.type === 'assert_statement') return true;
      return false;
    })
  );
}

/** Whether a name matches a module constant's spelling (`PROTOCOL_SSLv23`, `CERT_NONE`): an alias definition. */
const CONSTANT_NAME = /^_?(?:PROTOCOL|CERT|OP|TLS|SSL|VERIFY)_\w+$/;

/**
 * Whether a constant (an `ssl.PROTOCOL_TLSv1`, a `False`) sits where it is only named, not configured:
 * - in a table of test inputs (`@pytest.mark.parametrize(...)`, `pytest.param(...)`, fixture `params=`);
 * - as a key of a translation table (`{ssl.PROTOCOL_TLSv1: SSL.TLSv1_METHOD}`, `table[ssl.CERT_NONE] = ...`);
 * - as a compatibility alias (`PROTOCOL_SSLv23 = PROTOCOL_TLS`) or a value of a table named like one
 *   (`TLS_VERSIONS = {"TLSv1": ssl.PROTOCOL_TLSv1}`, `TLS_VERSIONS["TLSv1.3"] = ssl.PROTOCOL_TLS`);
 * - in an assertion (`assert x == ...`, `self.assertEqual(x, ...)`, `assert_called_with(...)`).
 */
export function isNamedNotConfigured(node: Node, file?: SourceFile): boolean {
  let child = node;
  for (let n: Node | null = node.parent; n; child = n, n = n.parent) {
    switch (n.type) {
      case 'pair':
        if (n.childForFieldName('key')?.id === child.id) return true;
        break;
      case 'subscript':
        if (n.childForFieldName('value')?.id !== child.id) {
          // The index of a subscript that is assigned to: a table entry's key.
          const asg = n.parent;
          if (asg?.type === 'assignment' && asg.childForFieldName('left')?.id === n.id) return true;
        }
        break;
      case 'assignment': {
        const left = n.childForFieldName('left');
        if (n.childForFieldName('right')?.id !== child.id) break;
        // `TLS_VERSIONS["TLSv1.3"] = ssl.PROTOCOL_TLS`: an entry of the same translation table, set by key.
        const table = left?.type === 'subscript' ? left.childForFieldName('value') : null;
        if (table?.type === 'identifier' && CONSTANT_NAME.test(table.text)) return true;
        if (left?.type !== 'identifier') break;
        if (CONSTANT_NAME.test(left.text)) return true;
        // `CASES = [(url, ssl.PROTOCOL_TLSv1), ...]` later given to `@pytest.mark.parametrize("...", CASES)`.
        if (file && child.type === 'list' && isTestTableName(file, left.text)) return true;
        break;
      }
      case 'assert_statement':
        return true;
      case 'call': {
        if (isTestTableCall(n)) return true;
        const fn = n.childForFieldName('function');
        const name = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn?.text;
        if (name && /^(?:assert|assert_)\w*$/.test(name) && name !== 'assert_hostname') return true;
        break;
      }
      case 'decorator':
        return false;
      case 'function_definition':
      case 'class_definition':
      case 'module':
        return false;
    }
  }
  return false;
}
