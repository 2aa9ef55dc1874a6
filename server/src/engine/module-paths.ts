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
