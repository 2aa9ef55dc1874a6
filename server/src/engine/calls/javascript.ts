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
  requiredModule,
  unwrap,
  type ModuleFunctions,
} from '../languages/javascript';
import { leavesNamed } from '../node-index';
import type { SourceFile } from '../types';
import { sameFamily, type FileSummary, type WorkspaceView } from '../workspace';
import type { CallSite } from './index';

/**
 * Words one of which a file with no TLS word must contain for its calls to be read (with a relative import:
 * `callScreen`): a caller that hands a wrapper an insecure constant names what it asks for (`insecure: true`,
 * `skipVerify`, `allowSelfSigned`). Broader words (`tls`, `cert`, `verify`) let a third more files of a
 * JavaScript tree through to a parse for few calls; a bare `connect(url, false)` in a file that names none
 * of them is not read (its TLS-word files are).
 */
export const JS_CALL_TOKENS = [
  'nsecure',
  'elfSigned',
  'kipVerif',
  'erifySsl',
  'erifySSL',
  'erifyTls',
  'erifyTLS',
  'erifyCert',
  'erifyPeer',
  'erifyHost',
  'sslVerif',
  'SSLVerif',
  'tlsVerif',
  'nverified',
];

/** A relative import or require: without one a file calls no other module's function. */
const RELATIVE_IMPORT = /(?:from|require\(|import\()\s*['"]\.\.?\//;

/**
 * One of the words given a constant (`insecure: true`, `const skipVerify = 1`) or naming a call with a
 * constant argument (`insecureAgent(false)`): what a caller would pass.
 */
const WORD_CONSTANT = new RegExp(
  `(?:${JS_CALL_TOKENS.join('|')})[\\w$]*(?:['"]?\\s*[:=]\\s*|\\s*\\([^()]*?)(?:true|false|!\\s*[01]|[01]|null)\\b`,
);

export function jsCallScreen(text: string): boolean {
  return RELATIVE_IMPORT.test(text) && WORD_CONSTANT.test(text);
}

/**
 * Every name a text's import and re-export statements may bind, read without parsing (`TextScreen.imported`):
 * `*` for a star re-export. More than the module offers from others, never fewer.
 */
export function jsImportedNames(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(/\b(?:import|export)\b([^;'"`]*?)\bfrom\s*['"]/g)) {
    const clause = m[1];
    if (/\*/.test(clause) && !/\*\s*as\b/.test(clause)) out.add('*');
    for (const w of clause.matchAll(/[A-Za-z_$][\w$]*/g)) out.add(w[0]);
  }
  return [...out];
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
function constantText(file: SourceFile, arg: Node, follow: boolean): string | undefined {
  // Names are followed only when asked (`follow`): their values may need the model and other modules.
  const v = follow ? (constantOf(file, arg) ?? arg) : arg;
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
function argumentProbes(
  file: SourceFile,
  arg: Node,
  follow: boolean,
  depth = 0,
): { node: Node; text: string; shown: string }[] {
  const v = unwrap(arg);
  if (!v) return [];
  // `insecure ? false : true`: each constant branch (its condition makes the finding an opt-in path).
  if (v.type === 'ternary_expression' && depth < 2)
    return [v.childForFieldName('consequence'), v.childForFieldName('alternative')].flatMap((b) =>
      b ? argumentProbes(file, b, follow, depth + 1) : [],
    );
  if (v.type !== 'object') {
    const text = constantText(file, v, follow);
    return text ? [{ node: arg, text, shown: arg.text }] : [];
  }
  if (depth > 1) return [];
  const out: { node: Node; text: string; shown: string }[] = [];
  for (const m of v.namedChildren) {
    if (m?.type !== 'pair') continue;
    const key = memberName(m);
    const value = m.childForFieldName('value');
    if (!key || !/^[A-Za-z_$][\w$]*$/.test(key) || !value) continue;
    for (const inner of argumentProbes(file, value, follow, depth + 1))
      out.push({
        // The finding sits on the innermost member; the probe writes the path from the argument down.
        node: inner.node === value ? m : inner.node,
        text: `{ ${key}: ${inner.text} }`,
        shown: inner.node === value ? m.text : inner.shown,
      });
  }
  return out;
}

/**
 * The ranges where a name is bound again below the module level: the functions with a parameter of that
 * name, and the blocks declaring it (memoized per name).
 */
function shadowingScopes(file: SourceFile, name: string): [number, number][] {
  return file.memo(`calls.javascript.shadows:${name}`, () => {
    const tree = file.tree;
    const out: [number, number][] = [];
    if (!tree) return out;
    const ids = [
      ...leavesNamed(tree, file.text, name, 'identifier'),
      ...leavesNamed(tree, file.text, name, 'shorthand_property_identifier_pattern'),
    ];
    for (const id of ids) {
      const parent = id.parent;
      if (!parent) continue;
      let scope: Node | null = null;
      if (
        (parent.type === 'variable_declarator' && parent.childForFieldName('name')?.id === id.id) ||
        (parent.type === 'function_declaration' && parent.childForFieldName('name')?.id === id.id)
      ) {
        scope = parent.parent;
        while (scope && scope.type !== 'statement_block' && scope.type !== 'program') scope = scope.parent;
        if (scope?.type === 'program') continue;
      } else {
        // A parameter (plain, defaulted, destructured, typed): the function whose parameter list holds it.
        for (let p: Node | null = parent; p && !scope; p = p.parent) {
          if (p.type === 'formal_parameters') scope = p.parent;
          else if (FUNCTION_TYPE_SET.has(p.type)) {
            if (p.childForFieldName('parameter')?.id === id.id) scope = p;
            break;
          } else if (!/pattern|parameter/.test(p.type)) break;
        }
      }
      if (scope) out.push([scope.startIndex, scope.endIndex]);
    }
    return out;
  });
}

/** Whether a name is bound again around a node (a parameter or a declaration of an enclosing scope). */
function shadowed(file: SourceFile, use: Node, name: string): boolean {
  return shadowingScopes(file, name).some(([start, end]) => use.startIndex >= start && use.endIndex <= end);
}

type Target = { name: string; summary?: FileSummary };

/** A function of another module of the project a qualified name denotes (`./net.connect`, `./net` = default). */
function foreign(file: SourceFile, view: WorkspaceView, q: string | undefined, constants: string): Target | undefined {
  const t = relativeTarget(q);
  if (!t || t.name.includes('.')) return undefined;
  const candidates = jsModuleCandidates(file.path, t.spec);
  // The module's text screen first: no detector's word there (nor in the constants) is no sink to reach.
  if (!view.maySink(candidates, t.name || 'default', constants)) return undefined;
  const summary = view.module(candidates);
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

/**
 * The names this file binds to relative modules at its top level (`import { connect } from './net'`,
 * `import * as net`, `const net = require('./net')`, `const { connect } = require('./net')`): a cheap
 * screen read from the statements, before the model is built.
 */
function relativeImportNames(root: Node): string[] {
  const out: string[] = [];
  const relative = (spec: string | undefined) => !!spec && /^\.\.?\//.test(spec);
  for (const st of root.namedChildren) {
    if (!st) continue;
    if (st.type === 'import_statement') {
      if (!relative(literalString(st.childForFieldName('source')))) continue;
      const clause = st.namedChildren.find((c) => c?.type === 'import_clause');
      for (const c of clause?.descendantsOfType('identifier') ?? []) if (c) out.push(c.text);
      continue;
    }
    const decl = st.type === 'export_statement' ? st.childForFieldName('declaration') : st;
    if (decl?.type !== 'lexical_declaration' && decl?.type !== 'variable_declaration') continue;
    for (const d of decl.namedChildren) {
      if (d?.type !== 'variable_declarator') continue;
      let v = unwrap(d.childForFieldName('value'));
      while (v?.type === 'member_expression') v = unwrap(v.childForFieldName('object'));
      if (!relative(requiredModule(v))) continue;
      const name = d.childForFieldName('name');
      if (name?.type === 'identifier') out.push(name.text);
      else
        for (const c of name?.descendantsOfType(['shorthand_property_identifier_pattern', 'identifier']) ?? [])
          if (c) out.push(c.text);
    }
  }
  return out;
}

/** Argument node types that may hold a constant (a name may be bound to one). */
const MAYBE_CONSTANT = new Set([
  'true',
  'false',
  'null',
  'number',
  'unary_expression',
  'string',
  'template_string',
  'object',
  'identifier',
  'member_expression',
  'ternary_expression',
]);

export function jsCallSites(file: SourceFile, view: WorkspaceView, mayReach: (text: string) => boolean): CallSite[] {
  const out: CallSite[] = [];
  const tree = file.tree;
  if (!tree) return out;
  const own = ownFunctions(file);
  // The names a call may go through: this file's functions that name a detector's word (the others hold no
  // sink), and names bound to relative modules.
  const names = new Set<string>();
  for (const [name, fn] of own.byName) if (name !== 'default' && mayReach(fn.text)) names.add(name);
  const requires = /require\(\s*['"]\.\.?\//.test(file.text);
  if (requires || /\bfrom\s*['"]\.\.?\//.test(file.text))
    for (const n of relativeImportNames(tree.rootNode)) names.add(n);
  if (names.size === 0 && !requires) return out;
  const calls: { call: Node; callee: Node }[] = [];
  for (const name of names) calls.push(...callsOf(file, name));
  // `require('./net').connect(...)`.
  if (requires)
    for (const id of leavesNamed(tree, file.text, 'require', 'identifier')) {
      const req = id.parent;
      const member = req?.parent;
      const call = member?.parent;
      if (req?.type !== 'call_expression' || member?.type !== 'member_expression' || call?.type !== 'call_expression')
        continue;
      if (member.childForFieldName('object')?.id === req.id && call.childForFieldName('function')?.id === member.id)
        calls.push({ call, callee: member });
    }
  // Targets by callee text (a callee bound again around its call is no target, and is not looked up).
  const targets = new Map<string, Target | null>();
  for (const { call, callee } of calls.sort((a, b) => a.call.startIndex - b.call.startIndex)) {
    // Cheap first: a call with no argument that may hold a constant costs nothing more.
    const args = callArguments(call);
    if (!args.some((a) => MAYBE_CONSTANT.has(unwrap(a)?.type ?? ''))) continue;
    let root: Node | undefined = callee;
    while (root?.type === 'member_expression') root = unwrap(root.childForFieldName('object'));
    if (root?.type === 'identifier' && shadowed(file, root, root.text)) continue;
    const probesOf = (follow: boolean) => {
      const found: { node: Node; index: number; text: string; shown: string }[] = [];
      for (let index = 0; index < args.length; index++) {
        if (args[index].type === 'spread_element') break;
        for (const p of argumentProbes(file, args[index], follow)) found.push({ ...p, index });
      }
      return found;
    };
    // Literals first; names (`connect(url, INSECURE)`) only for a call of a function of the project.
    let probes = probesOf(false);
    const hasNames = /identifier|member_expression/.test(call.childForFieldName('arguments')?.toString() ?? '');
    if (probes.length === 0 && !hasNames) continue;
    // Looked up once per callee and constants (a module's screen may pass for one constant, not another).
    const constants = probes.map((p) => p.text).join('\n');
    const key = `${callee.text}\0${constants}`;
    let fn = targets.get(key);
    if (fn === undefined) targets.set(key, (fn = target(file, view, callee, own, constants) ?? null));
    if (!fn) continue;
    if (hasNames) probes = probesOf(true);
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
function target(
  file: SourceFile,
  view: WorkspaceView,
  callee: Node,
  own: ModuleFunctions,
  constants: string,
): Target | undefined {
  const model = jsModel(file);
  if (callee.type === 'identifier') {
    const name = callee.text;
    if (!model.imports.has(name)) {
      const fn = own.byName.get(name);
      // `const connect = require('./net').connect`: the function of another module.
      if (!fn) return foreign(file, view, qualifiedName(file, callee), constants);
      // Written again somewhere (`connect = other`): not surely this function.
      const assigned = model.assigns.get(name) ?? [];
      if (assigned.some((v) => unwrap(v)?.id !== fn.id)) return undefined;
      return { name };
    }
    return foreign(file, view, model.imports.get(name), constants);
  }
  // `net.connect`, `require('./net').connect`: the object is a module of the project.
  let root: Node | undefined = callee;
  while (root?.type === 'member_expression') root = unwrap(root.childForFieldName('object'));
  if (root?.type === 'identifier' && !model.imports.has(root.text)) return undefined;
  return foreign(file, view, qualifiedName(file, callee), constants);
}
