// Loads web-tree-sitter and the grammar .wasm files from disk, for the CLI and the server.
// The bundles find them in dist/ (copied there by scripts/esbuild.mjs); compiled tests find them in
// node_modules.
import * as fs from 'fs';
import * as path from 'path';
import { Language, Parser } from 'web-tree-sitter';
import { GRAMMARS, grammarsOf, type GrammarName } from '../engine/languages';
import type { LanguageId } from '../engine/types';
import { setWasmStack, type Grammars } from '../engine/parser';

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

/** What of the global `WebAssembly` starting the runtime uses (the compiler's libraries here do not declare it). */
interface WasmInstance {
  exports: Record<string, unknown>;
}
const wasmApi = (
  globalThis as unknown as {
    WebAssembly: {
      Module: new (bytes: Uint8Array) => object;
      Instance: new (module: object, imports: unknown) => WasmInstance;
    };
  }
).WebAssembly;

function initRuntime(): Promise<void> {
  init ??= (async () => {
    const wasm = firstExisting(
      [path.join(__dirname, 'web-tree-sitter.wasm'), packageFile('web-tree-sitter', 'web-tree-sitter.wasm')].filter(
        (p): p is string => !!p,
      ),
    );
    if (!wasm) throw new Error('tlslint: web-tree-sitter.wasm not found next to the bundle or in node_modules');
    await Parser.init({
      locateFile: () => wasm,
      // The module instantiated here, to hand the engine its stack pointer (engine/parser `guardWasm`: a wasm
      // abort must not leak the stack).
      instantiateWasm: (imports: unknown, done: (instance: WasmInstance, module: unknown) => void) => {
        // Synchronous (a 0.2 MB module): a failure throws here, and the runtime's start rejects with it.
        const module = new wasmApi.Module(fs.readFileSync(wasm));
        const instance = new wasmApi.Instance(module, imports);
        const e = instance.exports;
        const get = e.emscripten_stack_get_current;
        const set = e._emscripten_stack_restore;
        if (typeof get === 'function' && typeof set === 'function')
          setWasmStack({ save: get as () => number, restore: set as (pointer: number) => void });
        done(instance, module);
        return instance.exports;
      },
    });
  })();
  return init;
}

class LoadedGrammars implements Grammars {
  constructor(private readonly map: Map<GrammarName, Language>) {}
  get(name: GrammarName): Language | undefined {
    return this.map.get(name);
  }
}

/** Loads every grammar; a grammar that fails to load is reported, not fatal. */
export async function loadGrammars(
  names: GrammarName[] = Object.keys(GRAMMARS) as GrammarName[],
): Promise<{ grammars: Grammars; errors: string[] }> {
  await initRuntime();
  const map = new Map<GrammarName, Language>();
  const errors: string[] = [];
  await Promise.all(
    names.map(async (name) => {
      const { pkg, file } = GRAMMARS[name];
      const found = firstExisting(
        [path.join(__dirname, 'grammars', file), packageFile(pkg, file)].filter((p): p is string => !!p),
      );
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

/**
 * Grammars compiled on first use, for the language server: compiling all fourteen (23 MB of wasm)
 * before the first lint took most of a cold start, and an editor session rarely needs more than two.
 * `get` answers synchronously for what is loaded; `forLanguage` loads what a file needs first.
 */
export class GrammarLoader implements Grammars {
  private readonly map = new Map<GrammarName, Language>();
  private readonly pending = new Map<GrammarName, Promise<void>>();

  constructor(private readonly onError: (message: string) => void = () => undefined) {}

  get(name: GrammarName): Language | undefined {
    return this.map.get(name);
  }

  /** Loads the grammars a language needs; resolves to this loader. A grammar that fails is reported once. */
  async forLanguage(language: LanguageId | undefined): Promise<Grammars> {
    await Promise.all(grammarsOf(language).map((n) => this.load(n)));
    return this;
  }

  /** Starts the tree-sitter runtime, ahead of the first grammar. */
  async warm(): Promise<void> {
    await initRuntime().catch((e: unknown) =>
      this.onError(`tree-sitter runtime failed to start: ${(e as Error).message}`),
    );
  }

  /** Loads every grammar (a workspace scan may meet any language). */
  async all(): Promise<Grammars> {
    await Promise.all((Object.keys(GRAMMARS) as GrammarName[]).map((n) => this.load(n)));
    return this;
  }

  private load(name: GrammarName): Promise<void> {
    let p = this.pending.get(name);
    if (!p) {
      p = loadGrammars([name]).then(
        ({ grammars, errors }) => {
          const lang = grammars.get(name);
          if (lang) this.map.set(name, lang);
          for (const e of errors) this.onError(e);
        },
        (e: unknown) => this.onError(`grammar ${name} failed to load: ${(e as Error).message}`),
      );
      this.pending.set(name, p);
    }
    return p;
  }
}
