// Applying fixes: non-overlapping edits, fix-until-stable, and never a result that parses worse.
import { parseAllDocuments } from 'yaml';
import { parseLines, parseNginx } from './languages/conf';
import { jsoncSyntaxErrors } from './languages/jsonc';
import { LANGUAGES, languageOf } from './languages';
import { manifestSyntaxErrors } from './deps/manifests';
import { lint, type LintInput } from './lint';
import { Deadline, parse, type Grammars } from './parser';
import type { Finding, Fix, LanguageId, TextEdit } from './types';

/** Applies edits (offsets into `text`); they must not overlap. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    if (e.start < at) throw new Error('overlapping edits');
    out += text.slice(at, e.start) + e.newText;
    at = e.end;
  }
  return out + text.slice(at);
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  // Two insertions at one point overlap too: their order would be ambiguous.
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  return a.start < b.end && b.start < a.end;
}

/** Picks fixes in order, skipping any whose edits overlap an already chosen one. */
export function compatibleFixes(fixes: readonly Fix[]): Fix[] {
  const chosen: Fix[] = [];
  const taken: TextEdit[] = [];
  for (const f of fixes) {
    if (f.edits.some((e) => taken.some((t) => overlaps(e, t)))) continue;
    chosen.push(f);
    taken.push(...f.edits);
  }
  return chosen;
}

/** Syntax checks for the formats read by a parser or tokenizer other than tree-sitter. */
const MANIFEST_LANGUAGES: LanguageId[] = [
  'pip-requirements',
  'pipfile-lock',
  'poetry-lock',
  'uv-lock',
  'pyproject',
  'npm-lock',
  'yarn-lock',
  'pnpm-lock',
  'package-json',
  'nvmrc',
  'cargo-lock',
  'maven-pom',
  'gradle-lockfile',
  'gomod',
];

const VALIDATORS: Partial<Record<LanguageId, (text: string) => number>> = {
  yaml: (text) => {
    try {
      return parseAllDocuments(text).reduce((n, d) => n + (d.errors?.length ?? 0), 0);
    } catch {
      return 1;
    }
  },
  nginx: (text) => parseNginx(text).errors,
  apache: (text) => parseLines(text, 'apache').errors,
  haproxy: (text) => parseLines(text, 'haproxy').errors,
  'json-config': jsoncSyntaxErrors,
  // Dependency manifests and lock files: their own parsers (JSON, TOML, YAML, XML, yarn.lock).
  ...Object.fromEntries(
    MANIFEST_LANGUAGES.map((l) => [l, (text: string) => manifestSyntaxErrors(l, text) ?? 0] as const),
  ),
};

/** The number of syntax errors, or -1 when the language has no parser to tell. */
export function syntaxErrorCount(text: string, language: LanguageId, grammars: Grammars): number {
  const validate = VALIDATORS[language];
  if (validate) return validate(text);
  const g = LANGUAGES[language].grammar;
  const lang = g ? grammars.get(g) : undefined;
  if (!lang) return -1;
  const tree = parse(lang, text, undefined, Deadline.NONE);
  if (!tree) return -1;
  try {
    if (!tree.rootNode.hasError) return 0;
    // At least one: a MISSING hidden token (Python's `_newline`) is an error no cursor walk visits.
    return Math.max(1, tree.rootNode.descendantsOfType(['ERROR']).length + countMissing(tree.rootNode));
  } finally {
    tree.delete();
  }
}

function countMissing(node: import('web-tree-sitter').Node): number {
  let n = 0;
  const cursor = node.walk();
  let done = false;
  while (!done) {
    if (cursor.currentNode.isMissing) n++;
    if (cursor.gotoFirstChild()) continue;
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) {
        done = true;
        break;
      }
    }
  }
  cursor.delete();
  return n;
}

export interface FixAllOptions {
  unsafe?: boolean;
  /** Passes of lint-then-fix before giving up on convergence. */
  maxPasses?: number;
}

export interface FixAllResult {
  text: string;
  /** Fixes applied, over all passes. */
  applied: number;
  passes: number;
  /** Whether another pass would still change the text. */
  converged: boolean;
  /** The input's time budget (`budgetMs`, over all passes) ran out: `text` has the fixes of the passes done. */
  abandoned?: true;
}

function pick(findings: Finding[], unsafe: boolean): Fix[] {
  const fixes: Fix[] = [];
  for (const f of findings) {
    const fix = f.fixes.find((x) => x.safety === 'safe' || unsafe);
    if (fix) fixes.push(fix);
  }
  return compatibleFixes(fixes);
}

/**
 * Applies every safe (or, with `unsafe`, every) fix until nothing more changes. A fix whose result
 * parses with more syntax errors than before is dropped, so the result never parses worse.
 */
export function fixAll(input: LintInput, grammars: Grammars, options: FixAllOptions = {}): FixAllResult {
  const language = input.language ?? languageOf(input.path, input.languageId, input.text);
  const maxPasses = options.maxPasses ?? 10;
  let text = input.text;
  let applied = 0;
  if (!language) return { text, applied, passes: 0, converged: true };
  // `budgetMs` bounds the whole run: each pass lints with what is left of it.
  const deadline = input.budgetMs !== undefined && input.budgetMs > 0 ? performance.now() + input.budgetMs : Infinity;
  const left = () => (deadline === Infinity ? undefined : Math.max(1, deadline - performance.now()));
  const baseline = syntaxErrorCount(text, language, grammars);
  for (let pass = 1; pass <= maxPasses; pass++) {
    const result = lint({ ...input, text, language, tree: undefined, budgetMs: left() }, grammars);
    if (result.abandoned) return { text, applied, passes: pass - 1, converged: false, abandoned: true };
    const fixes = pick(result.findings, options.unsafe ?? false);
    if (fixes.length === 0) return { text, applied, passes: pass - 1, converged: true };
    let next = applyEdits(
      text,
      fixes.flatMap((f) => f.edits),
    );
    let count = fixes.length;
    if (baseline >= 0 && syntaxErrorCount(next, language, grammars) > baseline) {
      // Keep only the fixes that are harmless one by one.
      const good = fixes.filter(
        (f) =>
          performance.now() <= deadline && syntaxErrorCount(applyEdits(text, f.edits), language, grammars) <= baseline,
      );
      next = good.length
        ? applyEdits(
            text,
            good.flatMap((f) => f.edits),
          )
        : text;
      count = good.length;
      if (baseline >= 0 && syntaxErrorCount(next, language, grammars) > baseline) {
        next = text;
        count = 0;
      }
    }
    if (next === text) return { text, applied, passes: pass, converged: true };
    text = next;
    applied += count;
  }
  const again = pick(
    lint({ ...input, text, language, tree: undefined, budgetMs: left() }, grammars).findings,
    options.unsafe ?? false,
  );
  return { text, applied, passes: maxPasses, converged: again.length === 0 };
}
