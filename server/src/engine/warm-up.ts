// What a host lints once before its first real file, so that the first file a user opens does not pay
// for compiling the engine: V8 compiles each function on its first call and optimises it later,
// WebAssembly grammars start in a baseline tier, and a node-type memory (node-index) learns the query
// its language's detectors need. The detectors' own examples call each detector of the language.
import { lint } from './lint';
import type { NodeTypeMemory } from './node-index';
import type { Grammars } from './parser';
import { DETECTORS } from './registry';
import type { LanguageId } from './types';
import { staticIndex } from './workspace';

/** The texts a warm-up lints for a language: each of its detectors' examples, bad and good. */
export function warmUpSamples(language: LanguageId): string[] {
  const out: string[] = [];
  for (const d of DETECTORS) {
    const e = d.languages.includes(language) ? d.examples[language] : undefined;
    if (e) out.push(e.bad, e.good);
  }
  return out;
}

/**
 * Lints one sample as a file of the language (findings are dropped). With an empty workspace index, so
 * that the cross-file call-site pass runs too. Never throws.
 */
export function warmUpLint(
  language: LanguageId,
  text: string,
  grammars: Grammars,
  nodeTypes: NodeTypeMemory | undefined,
): void {
  try {
    lint(
      {
        text,
        path: 'tlslint-warm-up',
        language,
        index: staticIndex([]),
        budgetMs: 1000,
        ...(nodeTypes ? { nodeTypes } : {}),
      },
      grammars,
    );
  } catch {
    // A warm-up has no result to give: a failing detector shows when a real file is linted.
  }
}
