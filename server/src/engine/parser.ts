// Parsing with tree-sitter. The host (CLI or server) loads the grammar .wasm files and hands them in;
// the engine only keeps one Parser per grammar, which is pure computation.
import { Parser, type Language, type Tree } from 'web-tree-sitter';
import type { GrammarName } from './languages';

/** Loaded grammars, supplied by the host. */
export interface Grammars {
  get(name: GrammarName): Language | undefined;
}

const parsers = new Map<Language, Parser>();

/** Files larger than this are parsed in chunks by tree-sitter's callback; a bound keeps memory sane. */
export function parse(grammar: Language, text: string, old?: Tree): Tree | undefined {
  let parser = parsers.get(grammar);
  if (!parser) {
    parser = new Parser();
    parser.setLanguage(grammar);
    parsers.set(grammar, parser);
  }
  return parser.parse(text, old) ?? undefined;
}
