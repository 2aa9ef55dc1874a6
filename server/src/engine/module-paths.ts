// Where an import names a module of the project, per language: the files a module specifier may be, nearest
// first. Pure path arithmetic on the `/`-separated paths the hosts give the engine (engine/workspace).
import { folderOf, joinPath } from './paths';

/**
 * The files a dotted Python module may be, nearest first: for a relative import from the folder its dots
 * reach; for an absolute one from each folder above the file (the project's packages sit at some level of it).
 */
export function pythonModuleCandidates(filePath: string, level: number, module: string): string[] {
  const parts = module ? module.split('.') : [];
  const rel = parts.join('/');
  const files = (base: string) =>
    rel ? [joinPath(base, `${rel}.py`), joinPath(base, `${rel}/__init__.py`)] : [joinPath(base, '__init__.py')];
  let folder = folderOf(filePath);
  if (level > 0) {
    for (let i = 1; i < level; i++) folder = folderOf(folder);
    return files(folder);
  }
  if (!rel) return [];
  const out: string[] = [];
  for (let f = folder, i = 0; i < 12; i++) {
    out.push(...files(f));
    if (!f) break;
    f = folderOf(f);
  }
  return out;
}

/** Candidates by importing folder, dots and module: the same few modules are named by every file of a folder. */
const candidateMemo = new Map<string, string[]>();

let lastFile: string | undefined;
let lastFolder = '';

/** `pythonModuleCandidates`, remembered (pure path arithmetic; the list is never changed by its users). */
export function candidatesOf(filePath: string, level: number, module: string): string[] {
  // A file's imports are asked for one after another: its folder is worked out once.
  if (filePath !== lastFile) {
    lastFile = filePath;
    lastFolder = folderOf(filePath);
  }
  const key = `${lastFolder}\0${level}\0${module}`;
  let hit = candidateMemo.get(key);
  if (!hit) {
    if (candidateMemo.size > 50_000) candidateMemo.clear();
    candidateMemo.set(key, (hit = pythonModuleCandidates(filePath, level, module)));
  }
  return hit;
}

/**
 * Of a `from` statement's words, the names it binds that are asked for, under the names the other module
 * gives them (`from .x import g as f` asked for `f`: `f` and `g`). The words are in the statement's order
 * (`pythonImports`), so an alias follows its name and `as`.
 */
export function offered(words: string[], asked: (name: string) => boolean): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    if (!asked(words[i])) continue;
    out.add(words[i]);
    if (i >= 2 && words[i - 1] === 'as') out.add(words[i - 2]);
  }
  return out;
}

/**
 * Where a Python module's `from` statement takes a name from (engine/workspace `FollowImport`): the module it
 * names, relative to the importing module, and the names it may have there (an alias's original too).
 */
export function pythonFollowImport(
  from: string,
  statement: { level: number; module: string; names: string[]; star?: boolean },
  name: string,
): { candidates: string[]; names: string[] } {
  const candidates = candidatesOf(from, statement.level, statement.module);
  return { candidates, names: statement.star ? [name] : [...offered(statement.names, (n) => n === name)] };
}

const JS_EXTENSIONS = ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.jsx', '.mts', '.cts'];

/** The files a relative JavaScript module specifier may be, in Node's and TypeScript's order of resolution. */
export function jsModuleCandidates(filePath: string, spec: string): string[] {
  const base = joinPath(folderOf(filePath), spec);
  const ext = /\.[cm]?[jt]sx?$/.exec(spec)?.[0];
  if (ext) {
    // TypeScript's `./config.js` names `./config.ts` as well.
    const stem = base.slice(0, -ext.length);
    return [base, ...(/js/.test(ext) ? [`${stem}${ext.replace('js', 'ts')}`, `${stem}.tsx`] : [])];
  }
  return [...JS_EXTENSIONS.map((e) => `${base}${e}`), ...['.ts', '.js'].map((e) => `${base}/index${e}`)];
}
