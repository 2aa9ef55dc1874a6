// Hover on a finding, specific to its detector and language: the code flagged on this line, the fix it
// would apply as a small diff of this file's lines, and why it matters (or, without a fix, the
// detector's own secure example in the file's language). The diagnostic message is not repeated: editors
// show it above the hover. Links: our rule page first, the CWE entry second.
import { MarkupKind, type Hover, type HoverParams } from 'vscode-languageserver/node';
import { applyEdits } from '../engine/fix';
import { CODE_FENCE, languageOf } from '../engine/languages';
import { DETECTORS_BY_ID, RULES } from '../engine/registry';
import type { Finding, LanguageId, RuleId } from '../engine/types';
import { ruleDocUri } from '../host/docs';
import { cweUrl } from '../rules';
import type { ServerContext, LiveLinter } from './documents';
import { documentPath } from './settings';

const MAX_DIFF_LINES = 12;
const MAX_EXAMPLE_LINES = 14;

/** A Markdown code span that survives backticks in the code. */
function codeSpan(s: string): string {
  const longest = Math.max(0, ...(s.match(/`+/g) ?? []).map((m) => m.length));
  const ticks = '`'.repeat(longest + 1);
  const pad = longest > 0 || s.startsWith('`') || s.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${s}${pad}${ticks}`;
}

/** A fenced block whose fence is longer than any backtick run inside. */
function fenced(lang: string, text: string): string {
  let fence = '```';
  while (text.includes(fence)) fence += '`';
  return `${fence}${lang}\n${text.trimEnd()}\n${fence}`;
}

function lineStartAt(text: string, offset: number): number {
  const nl = Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1));
  return nl + 1;
}

function lineEndAt(text: string, offset: number): number {
  const m = /\r\n|\r|\n/.exec(text.slice(offset));
  return m ? offset + m.index : text.length;
}

/** The lines a fix changes, before and after, as a unified-diff body (common lines at the ends dropped). */
export function fixDiff(text: string, edits: readonly { start: number; end: number; newText: string }[]): string {
  if (edits.length === 0) return '';
  const from = lineStartAt(text, Math.min(...edits.map((e) => e.start)));
  const to = lineEndAt(text, Math.max(...edits.map((e) => e.end)));
  const after = applyEdits(text, edits);
  const delta = after.length - text.length;
  let before = text.slice(from, to).split(/\r\n|\r|\n/);
  let next = after.slice(from, to + delta).split(/\r\n|\r|\n/);
  // An insertion at a line start leaves the edited line's tail alike: keep only what differs.
  while (before.length > 1 && next.length > 1 && before.at(-1) === next.at(-1)) {
    before = before.slice(0, -1);
    next = next.slice(0, -1);
  }
  while (before.length > 1 && next.length > 1 && before[0] === next[0]) {
    before = before.slice(1);
    next = next.slice(1);
  }
  const side = (lines: string[], mark: string) => {
    const shown = lines.slice(0, MAX_DIFF_LINES).map((l) => `${mark}${l}`);
    if (lines.length > MAX_DIFF_LINES) shown.push(`${mark}… (${lines.length - MAX_DIFF_LINES} more lines)`);
    return shown;
  };
  const removed = before.length === 1 && before[0] === '' && next.length > 1 ? [] : side(before, '-');
  const added = next.length === 1 && next[0] === '' && before.length > 1 ? [] : side(next, '+');
  return [...removed, ...added].join('\n');
}

/** The flagged code, on one line and short. */
function flagged(text: string, f: Finding): string {
  const raw = text.slice(f.start, f.end).replace(/\s+/g, ' ').trim();
  return raw.length > 80 ? `${raw.slice(0, 77)}…` : raw;
}

/** Markdown for one finding in `text` (the document it was found in). */
export function hoverMarkdown(f: Finding, text: string, language: LanguageId | undefined): string {
  const rule = RULES.get(f.rule as RuleId);
  const detector = DETECTORS_BY_ID.get(f.detector);
  const lines: string[] = [];
  const line = text.slice(0, f.start).split(/\r\n|\r|\n/).length;
  const code = flagged(text, f);
  lines.push(
    `**${f.rule}** (${f.severity})${detector ? ` · detector ${codeSpan(detector.id)}` : ''}`,
    '',
    code ? `Flagged on line ${line}: ${codeSpan(code)}` : `Flagged on line ${line}.`,
  );
  const fixes = [...f.fixes].sort((a, b) => (a.safety === b.safety ? 0 : a.safety === 'safe' ? -1 : 1));
  for (const fix of fixes.slice(0, 2)) {
    let diff = '';
    try {
      diff = fixDiff(text, fix.edits);
    } catch {
      // Overlapping edits: not shown as a diff (the engine never applies them either).
    }
    const title = fix.title.replace(/`+([^`]*)`+/g, '$1');
    const label = fix.safety === 'safe' ? '**Quick fix**' : '**Quick fix (unsafe: review the change)**';
    lines.push('', `${label}: ${title}`);
    if (diff) lines.push('', fenced('diff', diff));
  }
  const good = language ? detector?.examples[language]?.good : undefined;
  if (fixes.length === 0 && language && good) {
    // No automatic fix: the detector's own secure example, in this file's language.
    const example = good.trimEnd().split(/\r\n|\r|\n/);
    const shown = example.slice(0, MAX_EXAMPLE_LINES);
    if (example.length > MAX_EXAMPLE_LINES) shown.push('…');
    lines.push(
      '',
      '**No automatic fix.** The secure form, for this API:',
      '',
      fenced(CODE_FENCE[language] ?? '', shown.join('\n')),
    );
  }
  // After the fix, so the diff is in view without scrolling the hover.
  if (rule) lines.push('', `**Why it matters.** ${rule.docs.whyIsThisBad}`);
  else if (f.rule === 'unused-suppression')
    lines.push('', '**Why it matters.** A suppression that silences nothing hides the next real finding on its line.');
  const links: string[] = [];
  const page = ruleDocUri(f.rule);
  if (page) links.push(`[Rule documentation](${page})`);
  const cwe = cweUrl(f.rule);
  if (cwe && rule) links.push(`[CWE-${rule.cwe}](${cwe})`);
  if (links.length) lines.push('', links.join(' · '));
  return lines.join('\n');
}

export async function hover(ctx: ServerContext, linter: LiveLinter, params: HoverParams): Promise<Hover | null> {
  const doc = ctx.documents.get(params.textDocument.uri);
  if (!doc) return null;
  const offset = doc.offsetAt(params.position);
  const findings = await linter.findingsFor(doc);
  const hits = findings.filter((f) => f.start <= offset && offset <= f.end);
  if (hits.length === 0) return null;
  const start = Math.min(...hits.map((f) => f.start));
  const end = Math.max(...hits.map((f) => f.end));
  const text = doc.getText();
  const language = languageOf(documentPath(doc.uri) ?? doc.uri, doc.languageId, text);
  return {
    contents: {
      kind: MarkupKind.Markdown,
      value: hits.map((f) => hoverMarkdown(f, text, language)).join('\n\n---\n\n'),
    },
    range: { start: doc.positionAt(start), end: doc.positionAt(end) },
  };
}
