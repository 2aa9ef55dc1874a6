// JavaScript/TypeScript call sites for engine/calls: calls of module-level functions (this file's own, or
// exported by a module of the project: `import { connect } from './net'`, `import connect from './net'`,
// `import * as net from './net'`, `require('./net').connect`, re-exports followed by engine/workspace) with
// a constant argument. An object literal argument is probed one constant member at a time (`{ insecure:
// true }`), so the finding sits on the member that reaches the sink.
import type { Node } from 'web-tree-sitter';
import {
  FUNCTION_TYPE_SET,
  callArguments,
  constantOf,
  jsModel,
  jsModuleCandidates,
  jsModuleFunctions,
  literalString,
  memberName,
  qualifiedName,
  relativeTarget,
  unwrap,
  type ModuleFunctions,
} from '../languages/javascript';
import { leavesNamed } from '../node-index';
import type { SourceFile } from '../types';
import { sameFamily, type FileSummary, type WorkspaceView } from '../workspace';
import type { CallSite } from './index';

/**
 * Words one of which a file with no TLS word must contain for its calls to be read (with a relative import:
 * `callScreen`): a caller that hands a wrapper an insecure constant names what it asks for (`insecure`,
 * `verify`, `tls`, `ssl`, `cert`). A bare `connect(url, false)` in a file that names none is not read.
 */
export const JS_CALL_TOKENS = ['nsecure', 'erify', 'tls', 'Tls', 'TLS', 'ssl', 'Ssl', 'SSL', 'cert', 'Cert'];

/** A relative import or require: without one a file calls no other module's function. */
const RELATIVE_IMPORT = /(?:from|require\(|import\()\s*['"]\.\.?\//;

export function jsCallScreen(text: string): boolean {
  return RELATIVE_IMPORT.test(text);
}

/** This file's module-level functions (memoized). */
export function ownFunctions(file: SourceFile): ModuleFunctions {
  return file.memo('calls.javascript.own', () =>
    file.tree ? jsModuleFunctions(file.tree.rootNode) : { byName: new Map(), exported: new Set() },
  );
}

/** Strings worth a probe: TLS versions, protocol methods, cipher lists (not URLs, paths or messages). */
const TLS_STRING = /^(?:[A-Za-z0-9_.:+!@-]{1,200})$/;
const TLS_WORD = /tls|ssl|[:!+@]|DES|RC4|MD5|NULL|EXPORT|anon|method/i;

/** The constant a value holds, as a probe writes it, or undefined (not a constant a sink could judge). */
function constantText(file: SourceFile, arg: Node): string | undefined {
  const v = constantOf(file, arg) ?? arg;
  // A value of another file is already the constant as written there.
  switch (v.type) {
    case 'true':
    case 'false':
    case 'null':
      return v.text;
    case 'number':
      return v.text === '0' || v.text === '1' ? v.text : undefined;
    case 'unary_expression':
      return /^!\s*!?\s*(?:0|1|true|false)$/.test(v.text) ? v.text.replace(/\s+/g, '') : undefined;
    case 'string':
    case 'template_string': {
      const s = literalString(v);
      return s !== undefined && TLS_STRING.test(s) && TLS_WORD.test(s) ? JSON.stringify(s) : undefined;
    }
    default:
      return undefined;
  }
}

/** An argument's probes: the constant itself, or for an object literal each constant member (nested a level). */
function argumentProbes(file: SourceFile, arg: Node, depth = 0): { node: Node; text: string; shown: string }[] {
  const v = unwrap(arg);
  if (!v) return [];
  if (v.type !== 'object') {
    const text = constantText(file, v);
    return text ? [{ node: arg, text, shown: arg.text }] : [];
  }
  if (depth > 1) return [];
  const out: { node: Node; text: string; shown: string }[] = [];
  for (const m of v.namedChildren) {
    if (m?.type !== 'pair') continue;
    const key = memberName(m);
    const value = m.childForFieldName('value');
    if (!key || !/^[A-Za-z_$][\w$]*$/.test(key) || !value) continue;
    for (const inner of argumentProbes(file, value, depth + 1))
      out.push({
        // The finding sits on the innermost member; the probe writes the path from the argument down.
        node: inner.node === value ? m : inner.node,
        text: `{ ${key}: ${inner.text} }`,
        shown: inner.node === value ? m.text : inner.shown,
      });
  }
  return out;
}

/** Whether a name is bound again around a node (a parameter or a declaration of an enclosing scope). */
function shadowed(file: SourceFile, use: Node, name: string): boolean {
  const tree = file.tree;
  if (!tree) return true;
  const word = new RegExp(`(^|[^\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`);
  for (let p: Node | null = use.parent; p; p = p.parent) {
    if (!FUNCTION_TYPE_SET.has(p.type)) continue;
    const params = p.childForFieldName('parameters') ?? p.childForFieldName('parameter');
    if (params && word.test(params.text)) return true;
  }
  // A declaration of the name below the module level whose scope holds the use.
  for (const id of leavesNamed(tree, file.text, name, 'identifier')) {
    const parent = id.parent;
    const declares =
      (parent?.type === 'variable_declarator' && parent.childForFieldName('name')?.id === id.id) ||
      (parent?.type === 'function_declaration' && parent.childForFieldName('name')?.id === id.id);
    if (!declares || !parent) continue;
    let scope: Node | null = parent.parent;
    while (scope && scope.type !== 'statement_block' && scope.type !== 'program') scope = scope.parent;
    if (!scope || scope.type === 'program') continue;
    if (use.startIndex >= scope.startIndex && use.endIndex <= scope.endIndex) return true;
  }
  return false;
}

type Target = { name: string; summary?: FileSummary };

/** A function of another module of the project a qualified name denotes (`./net.connect`, `./net` = default). */
function foreign(file: SourceFile, view: WorkspaceView, q: string | undefined): Target | undefined {
  const t = relativeTarget(q);
  if (!t || t.name.includes('.')) return undefined;
  const summary = view.module(jsModuleCandidates(file.path, t.spec));
  if (!summary || !sameFamily(summary.language, file.language)) return undefined;
  const def = view.function(summary, t.name || 'default');
  return def && { name: def.name, summary: def.summary };
}

/** The calls of one name: the identifier is the callee, or the object of a member callee (`net.connect(...)`). */
function callsOf(file: SourceFile, name: string): { call: Node; callee: Node }[] {
  const tree = file.tree;
  if (!tree) return [];
  const out: { call: Node; callee: Node }[] = [];
  for (const id of leavesNamed(tree, file.text, name, 'identifier')) {
    let callee: Node = id;
    let up = id.parent;
    if (up?.type === 'member_expression' && up.childForFieldName('object')?.id === id.id) {
      callee = up;
      up = up.parent;
    }
    if (up?.type === 'call_expression' && up.childForFieldName('function')?.id === callee.id)
      out.push({ call: up, callee });
  }
  return out;
}

export function jsCallSites(file: SourceFile, view: WorkspaceView): CallSite[] {
  const out: CallSite[] = [];
  const tree = file.tree;
  if (!tree) return out;
  const own = ownFunctions(file);
  const model = jsModel(file);
  // The names a call may go through: this file's functions, and names bound to relative modules.
  const names = new Set<string>(own.byName.keys());
  for (const [local, q] of model.imports) if (/^\.\.?\//.test(q)) names.add(local);
  names.delete('default');
  const calls: { call: Node; callee: Node }[] = [];
  for (const name of names) calls.push(...callsOf(file, name));
  // `require('./net').connect(...)`.
  if (/require\(\s*['"]\.\.?\//.test(file.text))
    for (const id of leavesNamed(tree, file.text, 'require', 'identifier')) {
      const req = id.parent;
      const member = req?.parent;
      const call = member?.parent;
      if (req?.type !== 'call_expression' || member?.type !== 'member_expression' || call?.type !== 'call_expression')
        continue;
      if (member.childForFieldName('object')?.id === req.id && call.childForFieldName('function')?.id === member.id)
        calls.push({ call, callee: member });
    }
  const targets = new Map<string, Target | null>();
  for (const { call, callee } of calls.sort((a, b) => a.call.startIndex - b.call.startIndex)) {
    // The arguments first: a call with no constant argument costs nothing more.
    const probes: { node: Node; index: number; text: string; shown: string }[] = [];
    const args = callArguments(call);
    for (let index = 0; index < args.length; index++) {
      if (args[index].type === 'spread_element') break;
      for (const p of argumentProbes(file, args[index])) probes.push({ ...p, index });
    }
    if (probes.length === 0) continue;
    let fn = targets.get(callee.text);
    if (fn === undefined) {
      fn = target(file, view, callee, own) ?? null;
      // A name shadowed at one call may be the function at another: only unshadowed answers are shared.
      if (callee.type !== 'identifier') targets.set(callee.text, fn);
    }
    if (!fn) continue;
    for (const p of probes)
      out.push({
        node: p.node,
        callee: callee.text.replace(/\s+/g, ''),
        shown: p.shown.replace(/\s+/g, ' '),
        probe: { function: fn.name, index: p.index, text: p.text },
        summary: fn.summary,
        // A default export is named by what the caller calls it.
        shownFunction: fn.name === 'default' ? callee.text.replace(/^.*\./s, '') : undefined,
      });
  }
  return out;
}

/** The function a callee denotes: this file's own (unshadowed), or one another module of the project exports. */
function target(file: SourceFile, view: WorkspaceView, callee: Node, own: ModuleFunctions): Target | undefined {
  const model = jsModel(file);
  if (callee.type === 'identifier') {
    const name = callee.text;
    if (shadowed(file, callee, name)) return undefined;
    if (!model.imports.has(name)) {
      const fn = own.byName.get(name);
      // `const connect = require('./net').connect`: the function of another module.
      if (!fn) return foreign(file, view, qualifiedName(file, callee));
      // Written again somewhere (`connect = other`): not surely this function.
      const assigned = model.assigns.get(name) ?? [];
      if (assigned.some((v) => unwrap(v)?.id !== fn.id)) return undefined;
      return { name };
    }
    return foreign(file, view, model.imports.get(name));
  }
  // `net.connect`, `require('./net').connect`: the object is a module of the project.
  let root: Node | undefined = callee;
  while (root?.type === 'member_expression') root = unwrap(root.childForFieldName('object'));
  if (root?.type === 'identifier' && (shadowed(file, root, root.text) || !model.imports.has(root.text)))
    return undefined;
  return foreign(file, view, qualifiedName(file, callee));
}
