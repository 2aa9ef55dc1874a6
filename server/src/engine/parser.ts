// Parsing with tree-sitter. The host (CLI or server) loads the grammar .wasm files and hands them in;
// the engine only keeps one Parser per grammar, which is pure computation.
import { Parser, type Language, type Tree } from 'web-tree-sitter';
import type { GrammarName } from './languages';

/** Loaded grammars, supplied by the host. */
export interface Grammars {
  get(name: GrammarName): Language | undefined;
}

const parsers = new Map<Language, Parser>();

/**
 * Parses text (incrementally from `old` when given). With a `deadline` (a `performance.now()` value),
 * tree-sitter's progress callback cancels the parse once it passes, and the result is undefined.
 */
export function parse(grammar: Language, text: string, old?: Tree, deadline = Infinity): Tree | undefined {
  let parser = parsers.get(grammar);
  if (!parser) {
    parser = new Parser();
    parser.setLanguage(grammar);
    parsers.set(grammar, parser);
  }
  if (deadline === Infinity) return parser.parse(text, old) ?? undefined;
  const tree = parser.parse(text, old, { progressCallback: () => performance.now() > deadline });
  // A cancelled parse would resume on the parser's next call: start that one afresh instead.
  if (!tree) parser.reset();
  return tree ?? undefined;
}
