// What a rustls `ServerCertVerifier` impl does, as one fact read the same way for the impl's own file and,
// through its summary (engine/workspace), for the files that plug the type in
// (`.dangerous().set_certificate_verifier(Arc::new(NoVerifier))` in client.rs, the impl in verifier.rs):
// `accepts-any-cert` when `verify_server_cert` returns `Ok(ServerCertVerified::assertion())` whatever it is
// given, `checks-cert` when it does anything else (delegates to WebPKI or the platform, pins, verifies).
// Other files are found through the `use` declarations and `mod` items of the plugging file, the way rustc
// finds modules: `crate::a::b` is `src/a/b.rs` or `src/a/b/mod.rs`, `super::`/`self::` and `mod x;` are
// relative to the file's module.
import type { Node } from 'web-tree-sitter';
import type { RelatedLocation, SourceFile } from './types';
import { folderOf, joinPath, relatedAt, type FileSummary, type SummaryLocation, type TypeFact } from './workspace';

export type VerifierKind = 'accepts-any-cert' | 'checks-cert';

const ASSERTION = /^Ok\s*\(\s*(?:[\w:]+::)?ServerCertVerified::assertion\s*\(\s*\)\s*\)$/;

/** Whether a block yields `Ok(ServerCertVerified::assertion())` with no branch, `?` or early return. */
export function acceptsEveryCert(body: Node): boolean {
  const stmts = body.namedChildren.filter((c): c is Node => !!c && !c.type.endsWith('comment'));
  if (stmts.length === 0) return false;
  const last = stmts[stmts.length - 1];
  const value = last.type === 'expression_statement' ? last.namedChildren[0] : last;
  const ret = value?.type === 'return_expression' ? value.namedChildren[0] : value;
  if (!ret || !ASSERTION.test(ret.text.replace(/\s+/g, ''))) return false;
  // Anything that could fail or branch before it means there is a real check.
  return (
    body
      .descendantsOfType(['if_expression', 'match_expression', 'try_expression', 'return_expression'])
      .filter((n) => n && n.id !== value?.id).length === 0
  );
}

/** The `verify_server_cert` functions of a tree's `impl ServerCertVerifier for X` items, by type name. */
export function verifierFunctions(impls: Iterable<Node>): { type: string; impl: Node; fn: Node }[] {
  const out: { type: string; impl: Node; fn: Node }[] = [];
  for (const impl of impls) {
    const trait = impl.childForFieldName('trait');
    const type = impl.childForFieldName('type')?.text.split('::').pop();
    if (!trait || !type || !/(^|::)ServerCertVerifier$/.test(trait.text)) continue;
    for (const fn of impl.childForFieldName('body')?.namedChildren ?? [])
      if (fn?.type === 'function_item' && fn.childForFieldName('name')?.text === 'verify_server_cert')
        out.push({ type, impl, fn });
  }
  return out;
}

/** A Rust file's verifier types, as summary facts (engine/workspace `FileSummary.types`). */
export function summarizeRustVerifiers(
  root: Node,
  where: (start: number, end: number) => SummaryLocation,
): Record<string, TypeFact[]> | undefined {
  let out: Record<string, TypeFact[]> | undefined;
  for (const { type, fn } of verifierFunctions(root.descendantsOfType('impl_item').filter((n): n is Node => !!n))) {
    const body = fn.childForFieldName('body');
    const name = fn.childForFieldName('name') ?? fn;
    (out ??= {})[type] = [
      {
        kind: body && acceptsEveryCert(body) ? 'accepts-any-cert' : 'checks-cert',
        supertype: 'ServerCertVerifier',
        member: 'verify_server_cert',
        at: where(name.startIndex, name.endIndex),
      },
    ];
  }
  return out;
}

/** `use a::b::C;`, `use a::b::C as D;`, `use a::{b::C, D}`: each local name's path (one level of braces). */
function usePaths(file: SourceFile): Map<string, string[]> {
  return file.memo('rust.usePaths', () => {
    const out = new Map<string, string[]>();
    for (const use of file.nodes('use_declaration')) {
      const arg = use
        .childForFieldName('argument')
        ?.text.replace(/\s+/g, ' ')
        .replace(/ ?(::|,|\{|\}) ?/g, '$1')
        .trim();
      if (!arg) continue;
      const m = /^(.*?)::\{([^{}]*)\}$/.exec(arg);
      const items = m ? m[2].split(',').map((x) => `${m[1]}::${x}`) : [arg];
      for (const item of items) {
        const [path, alias] = item.split(' as ');
        // `use crate::verifier::{self, NoVerifier}`: `self` is the module.
        const segs = path
          .split('::')
          .filter(Boolean)
          .filter((x, i, all) => x !== 'self' || i < all.length - 1 || i === 0);
        const local = alias ?? segs[segs.length - 1];
        if (segs.length > 1 && local && /^\w+$/.test(local)) out.set(local, segs);
      }
    }
    return out;
  });
}

/** The module names a file declares with `mod x;` (their files are beside it). */
function modItems(file: SourceFile): Set<string> {
  return file.memo('rust.modItems', () => {
    const out = new Set<string>();
    for (const m of file.nodes('mod_item'))
      if (!m.childForFieldName('body')) {
        const name = m.childForFieldName('name')?.text;
        if (name) out.add(name);
      }
    return out;
  });
}

/** The folder a file's child modules live in: its own folder for lib.rs/main.rs/mod.rs, else `<folder>/<stem>`. */
function childFolder(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (/^(lib|main|mod)\.rs$/.test(name)) return folderOf(path);
  return joinPath(folderOf(path), name.replace(/\.rs$/, ''));
}

/** The candidate files of the module a path of module names names, seen from a file; undefined when not of this crate. */
export function rustModuleCandidates(file: SourceFile, modules: string[]): string[] | undefined {
  const path = file.path.replace(/\\/g, '/');
  let base: string;
  let rest = modules;
  if (modules[0] === 'crate') {
    // The crate's root is the `src` folder above the file.
    const i = path.lastIndexOf('/src/');
    base = i >= 0 ? path.slice(0, i + 4) : path.startsWith('src/') ? 'src' : '';
    if (!base) return undefined;
    rest = modules.slice(1);
  } else if (modules[0] === 'self' || modules[0] === 'super') {
    base = childFolder(path);
    for (rest = modules; rest[0] === 'self' || rest[0] === 'super'; rest = rest.slice(1))
      if (rest[0] === 'super') base = folderOf(base);
  } else if (modItems(file).has(modules[0])) base = childFolder(path);
  else return undefined;
  if (rest.length === 0)
    return modules[0] === 'crate' ? [joinPath(base, 'lib.rs'), joinPath(base, 'main.rs')] : undefined;
  const p = joinPath(base, rest.join('/'));
  return [`${p}.rs`, joinPath(p, 'mod.rs')];
}

/** A verifier type of another file of the crate that a path used here names: what it does, and where it decides. */
export function foreignVerifier(
  file: SourceFile,
  path: readonly string[],
): { kind: VerifierKind; type: string; related: RelatedLocation } | undefined {
  const view = file.workspace;
  const type = path[path.length - 1];
  if (!view || !type) return undefined;
  const full = path.length > 1 ? [...path] : usePaths(file).get(type);
  // `verifier::NoVerifier` after `use crate::verifier;`: the module's path first.
  const expanded =
    full && full.length > 1 && usePaths(file).has(full[0]) ? [...usePaths(file).get(full[0])!, ...full.slice(1)] : full;
  if (!expanded || expanded.length < 2) return undefined;
  const candidates = rustModuleCandidates(file, expanded.slice(0, -1));
  const summary: FileSummary | undefined = candidates?.length ? view.module(candidates) : undefined;
  const name = expanded[expanded.length - 1];
  const fact =
    summary?.language === 'rust' ? summary.types?.[name]?.find((t) => t.supertype === 'ServerCertVerifier') : undefined;
  if (!summary || !fact) return undefined;
  return {
    kind: fact.kind as VerifierKind,
    // As written here (`AcceptAll` after `use super::verifier::NoVerifier as AcceptAll`).
    type,
    related: relatedAt(
      summary.path,
      fact.at,
      fact.kind === 'accepts-any-cert'
        ? `\`${name}::verify_server_cert\` accepts every certificate (${summary.path})`
        : `\`${name}::verify_server_cert\` (${summary.path})`,
    ),
  };
}
