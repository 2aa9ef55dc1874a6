// The fuzzer's shared parts (test/fuzz/*.test.ts and `npm run fuzz`): a seeded generator, mutations of
// the fixtures (byte flips, truncation, duplicated slices, bracket and quote noise, BOM and CRLF, Latin-1
// bytes and lone surrogates), and the engine invariants every input must keep.
import * as fs from 'fs';
import * as path from 'path';
import { applyEdits, compatibleFixes, fixAll, syntaxErrorCount } from '../../server/src/engine/fix';
import { LANGUAGES, languageOf } from '../../server/src/engine/languages';
import { lint } from '../../server/src/engine/lint';
import { Deadline, parse, type Grammars } from '../../server/src/engine/parser';
import {
  DEFAULT_BUDGET_MS,
  type Fix,
  type LanguageId,
  type LintResult,
  type TextEdit,
} from '../../server/src/engine/types';
import { ROOT, seededRandom } from '../helpers';

/** A small seeded generator (mulberry32): the same seed gives the same inputs on every machine. */
export class Rng {
  /** A float in [0, 1). */
  readonly next: () => number;
  constructor(seed: number) {
    this.next = seededRandom(seed);
  }
  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
}

/** Every fixture file (all languages, the `.fixed.` results too), relative to the repository root, sorted. */
export function fixtureFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (languageOf(p)) out.push(path.relative(ROOT, p).split(path.sep).join('/'));
    }
  };
  walk(path.join(ROOT, 'test', 'fixtures'));
  return out.sort();
}

const NOISE = {
  brackets: ['(', ')', '[', ']', '{', '}', '<', '>', '((((', '))))', '{{', '}}', '[[', ']]'],
  quotes: [
    "'",
    '"',
    '`',
    '"""',
    "'''",
    '/*',
    '*/',
    '#',
    '//',
    '\\',
    '${',
    '#{',
    '<?php',
    '?>',
    '<<EOF\n',
    '\nEOF\n',
    'r"',
    "b'",
    '@"',
    '$"{',
  ],
  // Latin-1 characters as a mis-decoded file shows them, C1 controls, lone surrogates, NUL, odd spaces.
  encodings: [
    '\u00e9',
    '\u00ff\u00fe',
    '\u0080\u0081\u009f',
    '\ud800',
    '\udfff',
    '\udc00\ud800',
    '\u0000',
    '\u00a0',
    '\u2028',
    '\u200b',
    '\ufffd',
    '\ud83d\ude00',
    '\f',
    '\v',
    '\x1b[0m',
  ],
};

function at(text: string, r: Rng): number {
  return r.int(text.length + 1);
}

/** One mutation: a name for the log and a function over the text. */
export interface Mutator {
  name: string;
  apply(text: string, r: Rng): string;
}

export const MUTATORS: readonly Mutator[] = [
  {
    name: 'byte-flip',
    // Flips bits in the UTF-8 bytes and decodes again, as a damaged file reads (invalid bytes become U+FFFD).
    apply(text, r) {
      const buf = Buffer.from(text, 'utf8');
      if (buf.length === 0) return text;
      for (let i = 1 + r.int(8); i > 0; i--) buf[r.int(buf.length)] ^= 1 << r.int(8);
      return buf.toString('utf8');
    },
  },
  {
    name: 'char-flip',
    // Flips bits in UTF-16 code units: may split surrogate pairs.
    apply(text, r) {
      if (!text) return text;
      const units = [...Array(1 + r.int(6))].map(() => r.int(text.length)).sort((a, b) => a - b);
      let out = '';
      let from = 0;
      for (const i of units) {
        if (i < from) continue;
        out += text.slice(from, i) + String.fromCharCode(text.charCodeAt(i) ^ (1 << r.int(16)));
        from = i + 1;
      }
      return out + text.slice(from);
    },
  },
  { name: 'truncate', apply: (text, r) => text.slice(0, at(text, r)) },
  { name: 'truncate-start', apply: (text, r) => text.slice(at(text, r)) },
  {
    name: 'duplicate-slice',
    apply(text, r) {
      const a = at(text, r);
      const b = Math.min(text.length, a + r.int(400));
      const i = at(text, r);
      return text.slice(0, i) + text.slice(a, b).repeat(1 + r.int(3)) + text.slice(i);
    },
  },
  {
    name: 'delete-slice',
    apply(text, r) {
      const a = at(text, r);
      return text.slice(0, a) + text.slice(Math.min(text.length, a + r.int(200)));
    },
  },
  {
    name: 'swap-lines',
    apply(text, r) {
      const lines = text.split('\n');
      for (let k = 1 + r.int(4); k > 0; k--) {
        const i = r.int(lines.length);
        const j = r.int(lines.length);
        [lines[i], lines[j]] = [lines[j], lines[i]];
      }
      return lines.join('\n');
    },
  },
  {
    name: 'bracket-noise',
    apply(text, r) {
      let out = text;
      for (let k = 1 + r.int(6); k > 0; k--) {
        const i = at(out, r);
        out = out.slice(0, i) + r.pick(NOISE.brackets) + out.slice(i);
      }
      return out;
    },
  },
  {
    name: 'quote-noise',
    apply(text, r) {
      let out = text;
      for (let k = 1 + r.int(4); k > 0; k--) {
        const i = at(out, r);
        out = out.slice(0, i) + r.pick(NOISE.quotes) + out.slice(i);
      }
      return out;
    },
  },
  {
    name: 'bom',
    apply: (text, r) => {
      const i = r.int(3) === 0 ? at(text, r) : 0;
      return text.slice(0, i) + '\ufeff' + text.slice(i);
    },
  },
  {
    name: 'crlf',
    apply: (text, r) => {
      const mode = r.int(3);
      if (mode === 0) return text.replace(/\r?\n/g, '\r\n');
      if (mode === 1) return text.replace(/\n/g, () => r.pick(['\n', '\r\n', '\r', '\n\r']));
      return text.replace(/\r?\n/g, '\r');
    },
  },
  {
    name: 'mixed-encoding',
    apply(text, r) {
      let out = text;
      for (let k = 1 + r.int(5); k > 0; k--) {
        const i = at(out, r);
        out = out.slice(0, i) + r.pick(NOISE.encodings) + out.slice(i);
      }
      return out;
    },
  },
  {
    name: 'splice-token',
    // Re-inserts a line of the file elsewhere with an identifier or literal swapped: near-miss API calls.
    apply(text, r) {
      const lines = text.split('\n');
      const line = r
        .pick(lines)
        .replace(/\b(True|False|true|false|0|1|None|null|nil)\b/, () =>
          r.pick(['False', 'false', '0', 'None', 'nil', '!1', '""', '...']),
        );
      lines.splice(r.int(lines.length + 1), 0, line);
      return lines.join('\n');
    },
  },
];

export interface Mutant {
  text: string;
  ops: string[];
}

/** Applies 1 to 4 random mutations. */
export function mutate(text: string, r: Rng): Mutant {
  let out = text;
  const ops: string[] = [];
  for (let k = 1 + r.int(4); k > 0; k--) {
    const m = r.pick(MUTATORS);
    out = m.apply(out, r);
    ops.push(m.name);
  }
  return { text: out, ops };
}

/**
 * Byte-level damage for files written to disk (the CLI and the server read bytes): raw Latin-1 bytes,
 * a truncated multi-byte sequence, NULs, a UTF-16 BOM. Some of these make a file binary or non-UTF-8.
 */
export function mutateBytes(buf: Buffer, r: Rng): Buffer {
  const kind = r.int(5);
  const i = r.int(buf.length + 1);
  if (kind === 0) return Buffer.concat([buf.subarray(0, i), Buffer.from([0xe9, 0x20, 0xff]), buf.subarray(i)]);
  if (kind === 1) return Buffer.concat([buf.subarray(0, i), Buffer.from([0xe2, 0x82])]);
  if (kind === 2) return Buffer.concat([buf.subarray(0, i), Buffer.alloc(1 + r.int(4)), buf.subarray(i)]);
  if (kind === 3) return Buffer.concat([Buffer.from([0xff, 0xfe]), buf]);
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), buf]);
}

export interface CheckOptions {
  /** Also run fixAll (safe, then unsafe) and check it parses no worse, converges and is idempotent. */
  fix?: boolean;
  budgetMs?: number;
}

export interface CheckResult {
  language: LanguageId | undefined;
  /** Broken invariants, one line each; empty when the input passed. */
  problems: string[];
  findings: number;
  abandoned: boolean;
  /** Wall time of the lint, for the slowest-file figure (never asserted: speed lives in bench/). */
  ms: number;
}

function editInRange(e: TextEdit, length: number): boolean {
  return (
    Number.isInteger(e.start) &&
    Number.isInteger(e.end) &&
    e.start >= 0 &&
    e.start <= e.end &&
    e.end <= length &&
    typeof e.newText === 'string'
  );
}

/**
 * Whether edits overlap. Within one fix, insertions at one point are fine (they apply in their order, as
 * LSP specifies); across fixes they count (`sameInsertion`), since their order would be ambiguous.
 */
function overlapping(edits: readonly TextEdit[], sameInsertion = false): boolean {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1];
    const b = sorted[i];
    if (b.start < a.end || (sameInsertion && a.start === a.end && b.start === b.end && a.start === b.start))
      return true;
  }
  return false;
}

/** Checks that applying `fixes` leaves every character outside their edits intact, in order. */
function untouchedIntact(text: string, fixes: readonly Fix[]): boolean {
  const edits = fixes.flatMap((f) => f.edits).sort((a, b) => a.start - b.start || a.end - b.end);
  const out = applyEdits(text, edits);
  let i = 0;
  let j = 0;
  for (const e of edits) {
    const keep = text.slice(i, e.start);
    if (out.slice(j, j + keep.length) !== keep) return false;
    j += keep.length;
    if (out.slice(j, j + e.newText.length) !== e.newText) return false;
    j += e.newText.length;
    i = e.end;
  }
  return out.slice(j) === text.slice(i);
}

function checkResult(result: LintResult, text: string, problems: string[]): void {
  const abandonedOnly =
    result.abandoned && result.errors.length === 1 && /^abandoned after \d+ ms/.test(result.errors[0].message);
  if (result.errors.length && !abandonedOnly)
    problems.push(`engine errors: ${result.errors.map((e) => e.message).join(' | ')}`);
  for (const f of [...result.findings, ...result.suppressed]) {
    const where = `${f.detector} [${f.start},${f.end})`;
    if (!editInRange({ start: f.start, end: f.end, newText: '' }, text.length))
      problems.push(`finding out of range: ${where} (length ${text.length})`);
    if (!f.message || typeof f.message !== 'string') problems.push(`finding without a message: ${where}`);
    for (const fix of f.fixes) {
      if (fix.edits.length === 0) problems.push(`fix without edits: ${where} ${fix.title}`);
      for (const e of fix.edits)
        if (!editInRange(e, text.length))
          problems.push(`fix edit out of range: ${where} ${fix.title} [${e.start},${e.end})`);
      if (overlapping(fix.edits)) problems.push(`fix with overlapping edits: ${where} ${fix.title}`);
    }
    if (f.suppressEdit && !editInRange(f.suppressEdit, text.length))
      problems.push(`suppress edit out of range: ${where}`);
    if (f.suppressFileEdit && !editInRange(f.suppressFileEdit, text.length))
      problems.push(`file suppress edit out of range: ${where}`);
  }
}

/** Lints (and with `fix`, fixes) one input and checks the engine's invariants. Never throws. */
/** Whether the grammar's parser alone overruns the budget on this text. */
function parserBound(text: string, language: LanguageId | undefined, grammars: Grammars, budgetMs: number): boolean {
  const grammar = language ? LANGUAGES[language].grammar : undefined;
  const lang = grammar ? grammars.get(grammar) : undefined;
  if (!lang) return false;
  const tree = parse(lang, text, undefined, Deadline.after(budgetMs));
  tree?.delete();
  return tree === undefined;
}

export function checkInput(text: string, filePath: string, grammars: Grammars, opts: CheckOptions = {}): CheckResult {
  const language = languageOf(filePath);
  const problems: string[] = [];
  const budgetMs = opts.budgetMs ?? DEFAULT_BUDGET_MS;
  let result: LintResult | undefined;
  const started = performance.now();
  try {
    result = lint({ text, path: filePath, budgetMs }, grammars);
  } catch (e) {
    problems.push(`lint threw: ${(e as Error)?.stack ?? String(e)}`);
  }
  const ms = performance.now() - started;
  if (!result) return { language, problems, findings: 0, abandoned: false, ms };
  checkResult(result, text, problems);
  // Abandoned at the budget is a failure of ours unless tree-sitter alone cannot parse the text within it
  // (an error-recovery blow-up of the grammar on garbage): then cancelling with a clear error is all the
  // engine can do, and that is what it did.
  if (result.abandoned && !parserBound(text, language, grammars, budgetMs))
    problems.push(`abandoned: ${result.errors[0]?.message}`);

  // Every fix the findings offer, picked as the engine picks them (non-overlapping), leaves the rest intact.
  try {
    const all = compatibleFixes(result.findings.flatMap((f) => f.fixes));
    const clash = (f: Fix, g: Fix) => f.edits.some((a) => g.edits.some((b) => overlapping([a, b], true)));
    if (all.some((f, i) => all.some((g, j) => i < j && clash(f, g))))
      problems.push('compatibleFixes returned overlapping fixes');
    else if (!untouchedIntact(text, all)) problems.push('applying compatible fixes changed text outside their edits');
  } catch (e) {
    problems.push(`applying fixes threw: ${(e as Error)?.message ?? String(e)}`);
  }

  if (opts.fix && language && !result.abandoned && result.findings.some((f) => f.fixes.length > 0)) {
    // Every fix on its own (as a quick fix applies it), safe or unsafe, keeps a file that parses cleanly
    // clean. (In a file that already has errors the count is noise: tree-sitter's recovery shifts with
    // any edit, even a longer string literal; fixAll guards those files by itself.)
    const base = syntaxErrorCount(text, language, grammars);
    if (base === 0) {
      for (const f of result.findings) {
        for (const fix of f.fixes) {
          try {
            const after = syntaxErrorCount(applyEdits(text, fix.edits), language, grammars);
            if (after > base)
              problems.push(`fix parses worse (${base} -> ${after}): ${f.detector} ${fix.safety} "${fix.title}"`);
          } catch (e) {
            problems.push(`applying ${f.detector} "${fix.title}" threw: ${(e as Error)?.message ?? String(e)}`);
          }
        }
      }
    }
    for (const unsafe of [false, true]) {
      const mode = unsafe ? 'unsafe' : 'safe';
      try {
        const before = syntaxErrorCount(text, language, grammars);
        const once = fixAll({ text, path: filePath, budgetMs }, grammars, { unsafe });
        if (once.abandoned) continue;
        const after = syntaxErrorCount(once.text, language, grammars);
        if (before >= 0 && after > before)
          problems.push(`fixAll (${mode}) parses worse: ${before} -> ${after} syntax errors`);
        if (!once.converged) problems.push(`fixAll (${mode}) did not converge in ${once.passes} passes`);
        const twice = fixAll({ text: once.text, path: filePath, budgetMs }, grammars, { unsafe });
        if (!twice.abandoned && twice.text !== once.text)
          problems.push(`fixAll (${mode}) is not idempotent: a second run applied ${twice.applied} more`);
      } catch (e) {
        problems.push(`fixAll (${mode}) threw: ${(e as Error)?.stack ?? String(e)}`);
      }
    }
  }
  return { language, problems, findings: result.findings.length, abandoned: !!result.abandoned, ms };
}

/**
 * Found by `npm run fuzz` (seed 3, reduced): 300 bytes that tree-sitter-kotlin's error recovery takes
 * minutes to parse (over 60 s here; unbounded, the wasm heap eventually aborts). Only the cancelled
 * parse of the time budget keeps such a file from stalling a scan or the editor.
 */
export const SLOW_KOTLIN =
  '{d\nn\n    `// ok: cert-verification-disabled\n    given().`when`().get("/health")\n}\n  \u4020 // ruleid: cert-verification-disabled\n    props["mail.smtp.ssl.trust"] = "*"\n    // ruleid: cert-verification-disabled\n    props.put("mail.imaps.ssl.trust", "*")\n    // ok: cert-verification-disabled\n    props["mail.smtps.ssl.trust"] = "sm';

/** The path a failing input is saved under, so `--replay` (or a regression test) can read it back. */
export function failureName(filePath: string, seed: number, index: number): string {
  const base = path.basename(filePath);
  return `${seed}-${index}-${base}`;
}
