// Once the server is initialized, in the background: the grammars of the workspace's main languages
// are compiled and their detectors run on their own examples (engine/warm-up), so that the first file
// opened is linted by warm code. One example per event-loop turn: a document opened meanwhile waits
// for one small lint at most, not for the whole warm-up.
import * as fs from 'fs';
import * as path from 'path';
import { grammarsOf, languageOf } from '../engine/languages';
import type { NodeTypeMemory } from '../engine/node-index';
import type { Grammars } from '../engine/parser';
import type { LanguageId } from '../engine/types';
import { warmUpLint, warmUpSamples } from '../engine/warm-up';

/** How many directory entries the look at the workspace reads at most. */
const MAX_ENTRIES = 2000;

/**
 * The languages (those with a grammar) of the files at the top of the workspace folders and one level
 * down, most files first: the first, and any other with at least a tenth as many files, at most `max`.
 */
export async function workspaceLanguages(folders: readonly string[], max = 2): Promise<LanguageId[]> {
  const counts = new Map<LanguageId, number>();
  let left = MAX_ENTRIES;
  const visit = async (dir: string, depth: number): Promise<void> => {
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    const below: string[] = [];
    for (const e of entries) {
      if (left-- <= 0) return;
      if (e.isFile()) {
        const language = languageOf(e.name);
        if (language && grammarsOf(language).length > 0) counts.set(language, (counts.get(language) ?? 0) + 1);
      } else if (depth > 0 && e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules')
        below.push(path.join(dir, e.name));
    }
    for (const d of below) await visit(d, depth - 1);
  };
  for (const f of folders) await visit(f, 1);
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const top = ranked[0]?.[1] ?? 0;
  return ranked
    .filter(([, n]) => n * 10 >= top)
    .slice(0, max)
    .map(([l]) => l);
}

/** What a warm-up needs from the server. */
export interface WarmUpHost {
  /** Loads the grammars of a language. */
  grammarsFor(language: LanguageId): Promise<Grammars>;
  /** The node-type memory the server's documents share. */
  nodeTypes: NodeTypeMemory | undefined;
  /** False once the server is shutting down. */
  running(): boolean;
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Warms the engine for each language in turn; never throws. */
export async function warmUp(languages: readonly LanguageId[], host: WarmUpHost): Promise<void> {
  for (const language of languages) {
    let grammars: Grammars;
    try {
      grammars = await host.grammarsFor(language);
    } catch {
      continue;
    }
    for (const sample of warmUpSamples(language)) {
      await nextTurn();
      if (!host.running()) return;
      warmUpLint(language, sample, grammars, host.nodeTypes);
    }
  }
}
