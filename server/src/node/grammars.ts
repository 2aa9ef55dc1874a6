// Loads web-tree-sitter and the grammar .wasm files from disk, for the CLI and the server.
// The bundles find them in dist/ (copied there by scripts/esbuild.mjs); compiled tests find them in
// node_modules.
import * as fs from 'fs';
import * as path from 'path';
import { Language, Parser } from 'web-tree-sitter';
import { GRAMMARS, type GrammarName } from '../engine/languages';
import type { Grammars } from '../engine/parser';

function firstExisting(candidates: string[]): string | undefined {
  return candidates.find((p) => {
    try {
      return fs.statSync(p).isFile();
    } catch {
      return false;
    }
  });
}

function packageFile(pkg: string, file: string): string | undefined {
  // Not require.resolve(pkg): packages' "exports" maps hide their .wasm files and package.json.
  for (const dir of require.resolve.paths(pkg) ?? []) {
    const candidate = path.join(dir, pkg, file);
    if (fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

let init: Promise<void> | undefined;

function initRuntime(): Promise<void> {
  init ??= (async () => {
    const wasm = firstExisting(
      [path.join(__dirname, 'web-tree-sitter.wasm'), packageFile('web-tree-sitter', 'web-tree-sitter.wasm')].filter((p): p is string => !!p),
    );
    if (!wasm) throw new Error('tlslint: web-tree-sitter.wasm not found next to the bundle or in node_modules');
    await Parser.init({ locateFile: () => wasm });
  })();
  return init;
}

class LoadedGrammars implements Grammars {
  constructor(private readonly map: Map<GrammarName, Language>) {}
  get(name: GrammarName): Language | undefined {
    return this.map.get(name);
  }
}

/** Loads every grammar (about 100 ms in all); a grammar that fails to load is reported, not fatal. */
export async function loadGrammars(names: GrammarName[] = Object.keys(GRAMMARS) as GrammarName[]): Promise<{ grammars: Grammars; errors: string[] }> {
  await initRuntime();
  const map = new Map<GrammarName, Language>();
  const errors: string[] = [];
  await Promise.all(
    names.map(async (name) => {
      const { pkg, file } = GRAMMARS[name];
      const found = firstExisting([path.join(__dirname, 'grammars', file), packageFile(pkg, file)].filter((p): p is string => !!p));
      if (!found) {
        errors.push(`grammar ${name} (${file}) not found`);
        return;
      }
      try {
        map.set(name, await Language.load(fs.readFileSync(found)));
      } catch (e) {
        errors.push(`grammar ${name} failed to load: ${(e as Error).message}`);
      }
    }),
  );
  return { grammars: new LoadedGrammars(map), errors };
}
