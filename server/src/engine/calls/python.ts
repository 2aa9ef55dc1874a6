// Python call sites for engine/calls: calls of module-level functions (this file's own, or imported from a
// module of the project: `from .http import make_session`, `from . import http; http.make_session(...)`)
// with a constant argument.
import type { Node } from 'web-tree-sitter';
import {
  callArgs,
  importSources,
  nodesAround,
  pythonModel,
  nameOf,
  valueOf,
  shadowedLocally,
} from '../languages/python';
import { candidatesOf, offered, pythonFollowImport } from '../module-paths';
import type { SourceFile } from '../types';
import type { FileSummary, TextScreen, WorkspaceView } from '../workspace';
import { constantCallSites, functionsWithParameters, type ConstantArgument } from './functions';
import type { CallSite } from './index';

/** Modules whose dotted constants a caller may hand a wrapper (`ssl.CERT_NONE`, `OpenSSL.SSL.TLSv1_METHOD`). */
const CONSTANT_MODULES = /^(ssl|OpenSSL|urllib3|requests|httpx|aiohttp|pycurl|_ssl)\./;

/** The module-level functions of this file with parameters, by name (a name bound twice is left out). */
export function moduleFunctions(root: Node): Map<string, Node> {
  return functionsWithParameters(root, (st) => {
    const def = st.type === 'decorated_definition' ? st.childForFieldName('definition') : st;
    return def?.type === 'function_definition' ? def : undefined;
  });
}

/** The constant an argument holds, as a probe writes it, or undefined (not a constant a sink could judge). */
function constantText(file: SourceFile, arg: Node): string | undefined {
  const v = valueOf(file, arg, 'scoped') ?? arg;
  switch (v.type) {
    case 'true':
    case 'false':
      return v.text;
    case 'string': {
      if (v.namedChildren.some((c) => c?.type === 'interpolation')) return undefined;
      const body = v.namedChildren
        .filter((c) => c?.type === 'string_content')
        .map((c) => c.text)
        .join('');
      return /^[A-Za-z0-9_.:+!@-]{1,80}$/.test(body) ? JSON.stringify(body) : undefined;
    }
    case 'identifier':
    case 'attribute': {
      // A foreign value (another file's constant) is already the constant as written there.
      if (v.tree !== arg.tree) return /^[\w.]+$/.test(v.text) && CONSTANT_MODULES.test(v.text) ? v.text : undefined;
      const q = nameOf(file, v, 'reaching');
      return q && CONSTANT_MODULES.test(q) ? q : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * The texts of a Python module a caller's constant may be copied from (engine/calls `constantText`, a
 * foreign value: a module-level constant of the summary): what follows `=` on each line that starts with an
 * assignment to a name. Read without parsing; more than its module-level constants hold, never fewer
 * (a summary carries a string or dotted name, on its assignment's line: `TextScreen.constants`).
 */
export function pythonConstantTexts(text: string): string[] {
  return topAssignments(text).map((m) => m[2]);
}

/** `pythonConstantTexts` with the name each line assigns (`TextScreen.constantWords`). */
export function pythonNamedConstantTexts(text: string): { name: string; text: string }[] {
  return topAssignments(text).map((m) => ({ name: m[1], text: m[2] }));
}

/** The last text's top-level assignments: a text screen asks for its names and its constant texts in turn. */
let lastAssignments: { text: string; found: RegExpExecArray[] } | undefined;

/** The top-level assignments of a text (`TOP_ASSIGNMENT`, `AFTER_SEMICOLON`): name and the rest of the line. */
function topAssignments(text: string): RegExpExecArray[] {
  if (lastAssignments?.text === text) return lastAssignments.found;
  const out: RegExpExecArray[] = [];
  lastAssignments = { text, found: out };
  for (const pattern of [TOP_ASSIGNMENT, AFTER_SEMICOLON]) {
    if (pattern === AFTER_SEMICOLON && !text.includes(';')) continue;
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) out.push(m);
  }
  return out;
}

/**
 * The names a Python text assigns at the top level, read without parsing (every line that starts with
 * `NAME =` or `NAME: T =`): a summary's constants are among them (`TextScreen.assigned`).
 */
export function pythonAssignedNames(text: string): string[] {
  return [...new Set(topAssignments(text).map((m) => m[1]))];
}

/** A line that assigns a top-level name (`NAME = value`, `NAME: T = value`): the name, and the rest of the line. */
const TOP_ASSIGNMENT = /^\f?([\p{L}_][\p{L}\p{N}_]*)[ \t]*(?::[^=\n]*)?=(?!=)((?:[^\n\\]|\\(?:\r?\n)?)*)/gmu;
/** An assignment after a semicolon (`a = 1; B = "x"` assigns `B` at the top level too), anywhere (more, never fewer). */
const AFTER_SEMICOLON = /;[ \t]*([\p{L}_][\p{L}\p{N}_]*)[ \t]*(?::[^=\n;]*)?=(?!=)((?:[^\n\\]|\\(?:\r?\n)?)*)/gu;

/** A top-level `def` (or `async def`) at a line's start, and its name. */
const TOP_DEF = /^\f?(?:async[ \t]+)?def[ \t]+([\p{L}_][\p{L}\p{N}_]*)/gmu;
/** A line that starts a top-level statement which ends the function before it (a definition or decorator). */
const TOP_BOUNDARY = /^\f?(?:(?:async[ \t]+)?def\b|class\b|@)/gm;

/**
 * A Python text's top-level functions as spans of text, read without parsing: each `def` at a line's start,
 * to the next top-level definition or decorator (or the end). A module-level function of the tree starts
 * there, and its text lies within its span (what stands between two definitions is added, never less),
 * unless a line inside a string of it starts with `def`, `class` or `@`.
 */
export function pythonFunctionSpans(text: string): { name: string; start: number; end: number }[] {
  const starts: { name: string; start: number }[] = [];
  TOP_DEF.lastIndex = 0;
  for (let m = TOP_DEF.exec(text); m; m = TOP_DEF.exec(text)) starts.push({ name: m[1], start: m.index });
  if (!starts.length) return [];
  const bounds: number[] = [];
  TOP_BOUNDARY.lastIndex = 0;
  for (let m = TOP_BOUNDARY.exec(text); m; m = TOP_BOUNDARY.exec(text)) bounds.push(m.index);
  bounds.push(text.length);
  const out: { name: string; start: number; end: number }[] = [];
  let b = 0;
  for (const d of starts) {
    while (bounds[b] <= d.start) b++;
    out.push({ name: d.name, start: d.start, end: bounds[b] });
  }
  return out;
}

/** What a callee may name, before the index is asked: this file's own function, or a name of a module. */
type Reference = { own: string } | { candidates: string[]; name: string };

/** What a callee may name, from this file alone (cheap: no other file is read). */
function reference(file: SourceFile, callee: Node, own: Map<string, Node>): Reference | undefined {
  const sources = importSources(file);
  if (callee.type === 'identifier') {
    const name = callee.text;
    const src = own.has(name) ? undefined : sources.get(name);
    if (!own.has(name) && !src?.name) return undefined;
    // The map lookups first: most calls name neither, and the model's questions cost more.
    if (pythonModel(file).assigns.has(name) || shadowedLocally(callee)) return undefined;
    if (own.has(name)) return { own: name };
    return { candidates: candidatesOf(file.path, src!.level, src!.module), name: src!.name! };
  }
  if (callee.type !== 'attribute') return undefined;
  const object = callee.childForFieldName('object');
  const attr = callee.childForFieldName('attribute')?.text;
  if (object?.type !== 'identifier' || !attr) return undefined;
  const src = sources.get(object.text);
  if (!src || pythonModel(file).assigns.has(object.text) || shadowedLocally(object)) return undefined;
  // `http.make_session`: `http` is a module (`from . import http`, `import app.http as http`).
  const module = src.name ? (src.module ? `${src.module}.${src.name}` : src.name) : src.module;
  const candidates = candidatesOf(file.path, src.level, module);
  return candidates.length ? { candidates, name: attr } : undefined;
}

/** The module-level function of another module a reference names (through its re-exports), looked up once per callee text. */
function target(
  file: SourceFile,
  view: WorkspaceView,
  callee: Node,
  ref: { candidates: string[]; name: string },
): { name: string; summary: FileSummary } | undefined {
  // Other modules' functions by the callee's text, looked up once per file (`os.path.join` is called often).
  const known = file.memo(
    'calls.python.targets',
    () => new Map<string, { name: string; summary: FileSummary } | null>(),
  );
  let hit = known.get(callee.text);
  if (hit === undefined) {
    const summary = view.module(ref.candidates);
    const def = summary?.language === 'python' ? view.function(summary, ref.name) : undefined;
    known.set(callee.text, (hit = def ? { name: def.name, summary: def.summary } : null));
  }
  return hit ?? undefined;
}

export function pythonCallSites(file: SourceFile, view: WorkspaceView): CallSite[] {
  const out: CallSite[] = [];
  const tree = file.tree;
  if (!tree) return out;
  const own = file.memo('calls.python.own', () => moduleFunctions(tree.rootNode));
  // A call whose callee names neither an own function nor an imported name is none: the calls are found
  // from those names' places (their callee or its object is such a name), not from every call of the file,
  // so a lint reads the calls that may be call sites only (engine/reads).
  const names = [...new Set([...own.keys(), ...importSources(file).keys()])];
  for (const call of names.length ? nodesAround(file, names, ['call']) : []) {
    const callee = call.childForFieldName('function');
    if (!callee || (callee.type !== 'identifier' && callee.type !== 'attribute')) continue;
    // What the callee may name first: most calls name no function of the project. A method of this file's
    // own function's name (`self.get(...)`) is not the function.
    const ref = reference(file, callee, own);
    if (!ref) continue;
    // Another module's name that is no function of it (a class, a constant) and that it does not take from
    // elsewhere is no call site: its screen tells, before the arguments' values are looked up.
    if ('candidates' in ref && !view.mayDefine(ref.candidates, ref.name)) continue;
    const args = callArgs(call);
    let constants: ConstantArgument[] = [];
    for (const [param, kw] of args.keywords) {
      const value = kw.childForFieldName('value');
      const text = value ? constantText(file, value) : undefined;
      if (text) constants.push({ node: kw, param, text });
    }
    if (!args.hasSplat)
      args.positional.forEach((a, index) => {
        const text = constantText(file, a);
        if (text) constants.push({ node: a, index, text });
      });
    let fn: { name: string; summary?: FileSummary } | undefined;
    if ('own' in ref) fn = { name: ref.own };
    else {
      // Another module's function is read (summarised, probed) only when its text may hold a sink for
      // the constant: most modules a project imports mention no TLS word at all.
      constants = constants.filter((c) => view.maySinkThrough(ref.candidates, ref.name, c.text, pythonFollowImport));
      if (constants.length) fn = target(file, view, callee, ref);
    }
    if (fn) out.push(...constantCallSites(callee, fn, constants));
  }
  return out;
}

/** An import statement as `pythonImports` reads it (`from <level dots><module> import <names>`, `import <module>`). */
export interface PythonImport {
  level: number;
  module: string;
  /** The words after `import` (the names, their aliases, more): all a `from` statement may bind. */
  names: string[];
  /** `from m import *`. */
  star?: boolean;
  /** `import a.b [as c]` (not `from`). */
  plain?: boolean;
}

/**
 * A Python text's import statements, read without parsing: for each `import` keyword, the words after it
 * to the end of its statement (a parenthesised list, or the line with its backslash continuations), and
 * the `from` clause before it. More than the statements bind (comments, strings, aliases, nested imports),
 * never fewer; `names` is every such word (`*` for a star import).
 */
export function pythonImports(text: string): { names: string[]; statements: PythonImport[] } {
  const names = new Set<string>();
  const statements: PythonImport[] = [];
  const keyword = /\bimport\b/g;
  for (let m = keyword.exec(text); m; m = keyword.exec(text)) {
    let i = m.index + m[0].length;
    while (text[i] === ' ' || text[i] === '\t') i++;
    let end: number;
    if (text[i] === '(') {
      end = text.indexOf(')', i);
      if (end < 0) end = text.length;
    } else {
      end = i;
      for (;;) {
        const nl = text.indexOf('\n', end);
        if (nl < 0) {
          end = text.length;
          break;
        }
        end = nl;
        if (!/\\\r?$/.test(text.slice(Math.max(i, nl - 2), nl))) break;
        end = nl + 1;
      }
    }
    const statement = text.slice(i, end);
    const star = statement.includes('*');
    if (star) names.add('*');
    const words = statement.match(/[A-Za-z_][\w.]*/g) ?? [];
    const parts = words.flatMap((w) => w.split('.')).filter(Boolean);
    for (const w of parts) names.add(w);
    const from = /\bfrom\s+(\.*)\s*([A-Za-z_][\w.]*)?\s*(?:\\\s*)?$/.exec(
      text.slice(Math.max(0, m.index - 300), m.index),
    );
    if (from)
      statements.push({ level: from[1].length, module: from[2] ?? '', names: parts, ...(star ? { star } : {}) });
    else for (const w of words) statements.push({ level: 0, module: w, names: [], plain: true });
    keyword.lastIndex = Math.max(keyword.lastIndex, end);
  }
  return { names: [...names], statements };
}

/** Whether a UTF-16 code unit is white space as `\s` has it. */
function isSpace(c: number): boolean {
  return (
    (c >= 9 && c <= 13) ||
    c === 32 ||
    (c >= 0x80 &&
      (c === 0xa0 ||
        c === 0x1680 ||
        (c >= 0x2000 && c <= 0x200a) ||
        c === 0x2028 ||
        c === 0x2029 ||
        c === 0x202f ||
        c === 0x205f ||
        c === 0x3000 ||
        c === 0xfeff))
  );
}

/** Whether a UTF-16 code unit is a name character: `\w`, or any other non-ASCII one that is not a space. */
function isNameChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || (c >= 0x80 && !isSpace(c))
  );
}

/**
 * The names a text follows with a dot and with a parenthesis (`m.f`, `f(`, `m.f (`: spaces and line breaks
 * may come between), in one pass: a name is a whole run of name characters (`isNameChar`).
 */
export function namesBefore(text: string): { dotted: Set<string>; called: Set<string> } {
  const dotted = new Set<string>();
  const called = new Set<string>();
  const n = text.length;
  for (let i = 0; i < n;) {
    if (!isNameChar(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    while (i < n && isNameChar(text.charCodeAt(i))) i++;
    let j = i;
    while (j < n && isSpace(text.charCodeAt(j))) j++;
    const c = text.charCodeAt(j);
    if (c === 46) dotted.add(text.slice(start, i));
    else if (c === 40) called.add(text.slice(start, i));
    i = j;
  }
  return { dotted, called };
}

/** How many modules a file's imports are screened through before it is linted anyway. */
const MAX_SCREENED_MODULES = 256;

/**
 * Whether a Python file whose own words (with its path's) pass no detector's pre-filter may still report a
 * call site. A call-site finding needs a sink in a probe lint of the callee, and a probe finds one only when
 * a detector's words are in the callee's text or the constant's, and its library's words (`alsoTokens`) in
 * the callee's file or the constant's (`lint` with a probe). The callee is this file's own function, or a
 * function of a module this file imports (or one that module re-exports, followed as deep as
 * `WorkspaceView` follows re-exports) that this file names; every constant it can pass is written in it, or
 * is a string or constant module's name in one of those modules (a foreign value), or is named after its
 * folders (`requests.compat.X`). So the words of those modules' functions, with this file's and those
 * modules' constant texts, decide. Reads screens only (no parse, no summary); true when a screen is
 * unknown or there are too many.
 */
export function pythonCallsMayReach(
  text: string,
  path: string,
  view: WorkspaceView,
  words: Set<string>,
  sink: (body: ReadonlySet<string>, file: ReadonlySet<string>) => boolean,
): boolean {
  if (sink(words, words)) return true;
  type Step = { from: string; level: number; module: string; names: Set<string> | 'any' };
  let frontier: Step[] = [];
  // The names this text follows with a dot (`http.get`): how a module it imports is used; and those it
  // calls (`f(`).
  let before: ReturnType<typeof namesBefore> | undefined;
  const dotted = () => (before ??= namesBefore(text)).dotted;
  for (const s of pythonImports(text).statements) {
    // `from m import a` then `a(...)` (a name of m) or `a.f(...)` (a submodule); `import a.b as c` then `c.f(...)`.
    if (s.plain) frontier.push({ from: path, level: 0, module: s.module, names: 'any' });
    else {
      frontier.push({ from: path, level: s.level, module: s.module, names: s.star ? 'any' : new Set(s.names) });
      const words = s.names;
      for (let i = 0; i < words.length; i++) {
        const n = words[i];
        // A submodule is used through its name or alias (`http.get(...)`; `h.get(...)` after `import http as h`).
        const alias = words[i + 1] === 'as' ? words[i + 2] : undefined;
        if (!dotted().has(n) && !(alias !== undefined && dotted().has(alias))) continue;
        frontier.push({ from: path, level: s.level, module: s.module ? `${s.module}.${n}` : n, names: 'any' });
      }
    }
  }
  const wanted = new Map<string, Set<string> | 'any'>();
  const screens = new Map<string, TextScreen>();
  // The names this text calls: a function reached through a plain or star import is called by its own
  // name (`m.f(...)`, `f(...)`), one a module takes from another (`from .x import g as f`) too.
  const named = () => (before ??= namesBefore(text)).called;
  // The imported modules, and on through re-exports to the end (further than `WorkspaceView` follows them:
  // a module reached first on a longer path is not looked at again on a shorter one).
  for (let round = 0; frontier.length; round++) {
    if (round > 4 * MAX_SCREENED_MODULES) return true;
    const next: Step[] = [];
    for (const step of frontier) {
      const candidates = candidatesOf(step.from, step.level, step.module);
      if (!candidates.length) continue;
      const found = view.screenOf(candidates);
      if (found === undefined) return true;
      if (found === 'absent') continue;
      // A module seen before is looked at again only for names not asked for yet.
      const before = wanted.get(found.path);
      let names = step.names;
      if (before === 'any') continue;
      if (before && names !== 'any') {
        const fresh = [...names].filter((n) => !before.has(n));
        if (!fresh.length) continue;
        names = new Set(fresh);
        for (const n of fresh) before.add(n);
      } else wanted.set(found.path, names === 'any' ? 'any' : new Set(names));
      if (!before) {
        if (wanted.size > MAX_SCREENED_MODULES) return true;
        screens.set(found.path, found.screen);
      }
      const statements = found.screen.imports;
      // What the module offers from others: the `from` statements that name one of the names, and stars.
      const has = names === 'any' ? (n: string) => named().has(n) : (n: string) => names.has(n);
      for (const s of statements) {
        if (s.plain) continue;
        if (s.star) {
          next.push({ from: found.path, level: s.level, module: s.module, names });
          continue;
        }
        const taken = offered(s.names, has);
        if (taken.size) next.push({ from: found.path, level: s.level, module: s.module, names: taken });
      }
    }
    frontier = next;
  }
  // What a constant this file passes may hold: its words, and those of the modules' constant texts.
  const constant = new Set(words);
  // Only the constants of the names this file may take from each module (all of them for a module it
  // names whole: `import m`, a star, a submodule).
  for (const [modulePath, screen] of screens) {
    const names = wanted.get(modulePath)!;
    const byName = screen.constantWords;
    if (!byName) for (const w of screen.words) constant.add(w);
    else if (names === 'any') for (const list of Object.values(byName)) for (const w of list) constant.add(w);
    else for (const n of names) if (Object.hasOwn(byName, n)) for (const w of byName[n]) constant.add(w);
  }
  // This file's own functions, given another module's constant.
  if (constant.size > words.size && sink(constant, constant)) return true;
  for (const [modulePath, screen] of screens) {
    // A text without words has none in its functions either: its calls are `constant`'s, answered above.
    if (!screen.words.length) continue;
    const names = wanted.get(modulePath)!;
    const file = new Set(constant);
    for (const w of screen.words) file.add(w);
    if (!screen.functions) {
      if (sink(file, file)) return true;
      continue;
    }
    for (const fn of screen.functions) {
      // A function reached by a plain or star import is called by its own name (`m.f(...)`, `f(...)`).
      if (!(names === 'any' ? named() : names).has(fn.name)) continue;
      const body = new Set(constant);
      for (const w of fn.words) body.add(w);
      if (sink(body, file)) return true;
    }
  }
  return false;
}
