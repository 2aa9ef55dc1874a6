// Seeded random edit sequences over a text, for the incremental document (engine/document.ts): after each
// step its findings must equal a from-scratch lint of the same text. Used by test/engine/document.test.ts
// (bounded) and `npm run fuzz -- --incremental` (longer).
import { openDocument, type LintDocument } from '../../server/src/engine/document';
import { lint } from '../../server/src/engine/lint';
import type { Grammars } from '../../server/src/engine/parser';
import type { LintResult, LintSettings } from '../../server/src/engine/types';
import type { Rng } from './mutate';

export interface Step {
  kind: string;
  start: number;
  end: number;
  text: string;
}

function lineBounds(text: string, at: number): { start: number; end: number } {
  const start = text.lastIndexOf('\n', at - 1) + 1;
  const nl = text.indexOf('\n', at);
  return { start, end: nl < 0 ? text.length : nl };
}

const TYPED = ['x', 'a', '_', '1', ' ', '(', ')', ':', '=', '"', "'", ',', '.', '\n', '#', 'verify', 'False', 'ssl'];

/** Import lines and module-level constants a step adds at the top (whole-file facts many findings rest on). */
const IMPORTS = [
  'import ssl\n',
  'import ssl as s\n',
  'from ssl import CERT_NONE, PROTOCOL_TLSv1\n',
  'import requests\n',
  'from requests import get as fetch\n',
  'import urllib3\n',
  "const tls = require('tls');\n",
  'import "crypto/tls"\n',
];
const CONSTANTS = [
  'VERIFY = False\n',
  'VERIFY_SSL = True\n',
  'CERT = ssl.CERT_NONE\n',
  'PROTO = ssl.PROTOCOL_TLSv1\n',
  'verify = False\n',
  'ctx = ssl._create_unverified_context()\n',
  'const rejectUnauthorized = false;\n',
];
const FLIPS: [RegExp, string][] = [
  [/\bFalse\b/g, 'True'],
  [/\bTrue\b/g, 'False'],
  [/\bfalse\b/g, 'true'],
  [/\btrue\b/g, 'false'],
  [/\bCERT_NONE\b/g, 'CERT_REQUIRED'],
  [/\bCERT_REQUIRED\b/g, 'CERT_NONE'],
];

/**
 * What is typed into a comment or docstring: prose, and the words whole-file text scans and pre-filters react
 * to (`for NAME`, `'verify'`, a fresh fix name, a star import, a suppression, a TLS literal), line breaks, quotes.
 */
const PROSE = [
  'x',
  ' note',
  ' ',
  'e',
  ' for ctx',
  ' as s',
  " 'verify'",
  ' ssl_context',
  ' import *',
  ' from socket import',
  ' tlslint-disable',
  ' CERT_NONE',
  ' ssl',
  '\n',
  '"',
  '\\',
  '# ',
];

/** The offsets of a pattern's matches. */
function matchesOf(text: string, re: RegExp): number[] {
  return [...text.matchAll(re)].map((m) => m.index);
}

/**
 * One random edit: typing, deleting, pasting a block, breaking or fixing syntax, trailing whitespace, blank lines,
 * and edits of whole-file facts: an import added, removed or aliased; a module constant added; a flag or
 * constant flipped inside one definition (which another definition may read).
 */
export function randomStep(text: string, r: Rng, removedBrackets: string[]): Step {
  const at = r.int(text.length + 1);
  switch (r.int(18)) {
    case 16:
    case 17: {
      // An edit inside one definition's body (what a definition-level reuse would take on): a letter, a
      // deletion, a constant flipped or a call of the file's own function with a constant.
      const defs = matchesOf(text, /^[ \t]*(?:async[ \t]+)?def [^\n]*\n/gm);
      if (defs.length === 0) return { kind: 'type', start: at, end: at, text: r.pick(TYPED) };
      const d = r.pick(defs);
      const bodyStart = text.indexOf('\n', d) + 1;
      const next = text.slice(bodyStart).search(/^\S/m);
      const bodyEnd = next < 0 ? text.length : bodyStart + next;
      const p = bodyStart + r.int(Math.max(1, bodyEnd - bodyStart));
      const own = matchesOf(text, /^def (\w+)\(/gm).map((i) => /^def (\w+)/.exec(text.slice(i))![1]);
      switch (r.int(4)) {
        case 0:
          return { kind: 'delete in a definition', start: p, end: Math.min(bodyEnd, p + 1 + r.int(8)), text: '' };
        case 1: {
          const line = lineBounds(text, p);
          const indent = /^[ \t]*/.exec(text.slice(line.start, line.end))![0] || '    ';
          const call =
            own.length > 0
              ? `${r.pick(own)}(${r.pick(['False', 'ssl.CERT_NONE', 'verify=False', '"x"'])})`
              : 'f(False)';
          return { kind: 'own call in a definition', start: line.start, end: line.start, text: `${indent}${call}\n` };
        }
        case 2: {
          const [re, to] = r.pick(FLIPS);
          const places = matchesOf(text.slice(bodyStart, bodyEnd), re).map((i) => bodyStart + i);
          if (places.length === 0) break;
          const f = r.pick(places);
          return { kind: 'flip in a definition', start: f, end: f + text.slice(f).match(/^\w+/)![0].length, text: to };
        }
      }
      return { kind: 'type in a definition', start: p, end: p, text: r.pick(TYPED) };
    }
    case 14:
    case 15: {
      // Text typed or deleted in a comment or a docstring (the document may reuse findings for prose).
      const places = [
        ...matchesOf(text, /#[^\n]*/g).map((p) => p + 1 + r.int(Math.max(1, (text.indexOf('\n', p) >>> 0) - p))),
        ...matchesOf(text, /"""|'''/g).map((p) => p + 3),
      ].filter((p) => p <= text.length);
      if (places.length === 0) {
        const line = lineBounds(text, at);
        return {
          kind: 'add comment',
          start: line.start,
          end: line.start,
          text: r.pick(['# a note\n', '"""Doc."""\n']),
        };
      }
      const p = r.pick(places);
      if (r.int(4) === 0) {
        const line = lineBounds(text, p);
        return { kind: 'delete in prose', start: p, end: Math.min(line.end, p + 1 + r.int(6)), text: '' };
      }
      return { kind: 'type in prose', start: p, end: p, text: r.pick(PROSE) };
    }
    case 12: {
      // Enter at a line's end, the new line indented as this one: blank lines the document may reuse findings for.
      const line = lineBounds(text, at);
      const end = text[line.end - 1] === '\r' ? line.end - 1 : line.end;
      const indent = /^[ \t]*/.exec(text.slice(line.start, end))![0];
      return { kind: 'enter at line end', start: end, end, text: r.pick(['\n', `\n${indent}`, '\n\n']) };
    }
    case 13: {
      // An empty (or blank) line deleted, or one added at a line's start.
      const blanks = matchesOf(text, /^[ \t]*\r?\n/gm);
      if (blanks.length > 0 && r.int(3) > 0) {
        const b = r.pick(blanks);
        return { kind: 'delete blank line', start: b, end: text.indexOf('\n', b) + 1, text: '' };
      }
      const line = lineBounds(text, at);
      return { kind: 'add blank line', start: line.start, end: line.start, text: r.pick(['\n', '    \n']) };
    }
    case 9: {
      const lines = matchesOf(text, /^(?:import|from) [^\n]*$/gm);
      if (lines.length > 0 && r.int(2) === 0) {
        const start = r.pick(lines);
        const line = lineBounds(text, start);
        const old = text.slice(line.start, line.end);
        // Removed, aliased, or turned into a comment.
        const choice = r.int(3);
        if (choice === 0)
          return { kind: 'remove import', start: line.start, end: Math.min(text.length, line.end + 1), text: '' };
        const as = old.indexOf(' as ');
        if (choice === 1 && as >= 0) return { kind: 'unalias import', start: line.start + as, end: line.end, text: '' };
        if (choice === 1) return { kind: 'alias import', start: line.end, end: line.end, text: ' as _m' };
        return { kind: 'comment out import', start: line.start, end: line.start, text: '# ' };
      }
      return { kind: 'add import', start: 0, end: 0, text: r.pick(IMPORTS) };
    }
    case 10: {
      // A module constant added after the imports (or at the top).
      const lines = matchesOf(text, /^(?:import|from) [^\n]*\n/gm);
      const after = lines.length > 0 ? lineBounds(text, r.pick(lines)).end + 1 : 0;
      const into = Math.min(after, text.length);
      return { kind: 'add module constant', start: into, end: into, text: r.pick(CONSTANTS) };
    }
    case 11: {
      // A flag or constant flipped somewhere (often inside a definition that another one reads).
      const [re, to] = r.pick(FLIPS);
      const places = matchesOf(text, re);
      if (places.length === 0) return { kind: 'type', start: at, end: at, text: to };
      const p = r.pick(places);
      return { kind: 'flip constant', start: p, end: p + text.slice(p).match(/^\w+/)![0].length, text: to };
    }
    case 0:
    case 1: {
      // Whitespace typed (or deleted) at a line's end: the edits the document reuses findings for.
      const line = lineBounds(text, at);
      const end = text[line.end - 1] === '\r' ? line.end - 1 : line.end;
      if (r.int(3) === 0 && /[ \t]$/.test(text.slice(line.start, end)))
        return { kind: 'delete trailing space', start: end - 1, end, text: '' };
      return { kind: 'type trailing space', start: end, end, text: r.pick([' ', '\t', '  ']) };
    }
    case 2:
      return { kind: 'type', start: at, end: at, text: r.pick(TYPED) };
    case 3: {
      const line = lineBounds(text, at);
      return { kind: 'type at line end', start: line.end, end: line.end, text: r.pick(TYPED) };
    }
    case 4: {
      const end = Math.min(text.length, at + 1 + r.int(20));
      return { kind: 'delete', start: at, end, text: '' };
    }
    case 5: {
      const line = lineBounds(text, at);
      return { kind: 'delete line', start: line.start, end: Math.min(text.length, line.end + 1), text: '' };
    }
    case 6: {
      // Paste a block of whole lines copied from elsewhere in the text, at a line start.
      const from = lineBounds(text, r.int(text.length + 1)).start;
      let to = from;
      for (let i = 1 + r.int(10); i > 0 && to < text.length; i--) {
        const nl = text.indexOf('\n', to);
        to = nl < 0 ? text.length : nl + 1;
      }
      const into = lineBounds(text, at).start;
      return { kind: 'paste block', start: into, end: into, text: text.slice(from, to) };
    }
    case 7: {
      // Break the syntax: remove a bracket or colon (put back by a later "fix syntax" step).
      const candidates: number[] = [];
      for (let i = text.indexOf(')', at); i >= 0 && candidates.length < 3; i = text.indexOf(')', i + 1))
        candidates.push(i);
      for (let i = text.indexOf(':', at); i >= 0 && candidates.length < 6; i = text.indexOf(':', i + 1))
        candidates.push(i);
      if (candidates.length === 0) return { kind: 'type', start: at, end: at, text: ')' };
      const i = r.pick(candidates);
      removedBrackets.push(text[i]);
      return { kind: 'break syntax', start: i, end: i + 1, text: '' };
    }
    default: {
      const c = removedBrackets.pop() ?? ')';
      return { kind: 'fix syntax', start: at, end: at, text: c };
    }
  }
}

/**
 * Names and statements a statement edit brings in: names the detectors and the model look up (contexts,
 * sockets, flags, TLS words, own functions), bindings of them, command lines, option dictionaries, calls
 * that pass a constant, and statements that bind nothing.
 */
const NAMES = ['ctx', 's', 'context', 'sock', 'verify', 'CERT_NONE', 'wrap_socket', 'run', 'make', 'wrap', 'x', 'data'];
const STATEMENTS = [
  'x = 1',
  'print(s)',
  'log(value, 2)',
  'helper(a, b)',
  'ctx = ssl.create_default_context()',
  'ctx.check_hostname = False',
  'ctx.verify_mode = ssl.CERT_NONE',
  's = ctx.wrap_socket(sock)',
  'wrap(sock, ssl.CERT_NONE)',
  "subprocess.run(['curl', '-k', url])",
  "os.system('curl --insecure ' + url)",
  "opts = {'cert_reqs': ssl.CERT_NONE}",
  'requests.get(url, verify=False)',
  'context = ssl.SSLContext()',
  'self.flag = None',
  'return None',
  'pass',
  'assert ok',
  "raise ValueError('x')",
  'value = data[0]',
  'f = ssl.wrap_socket',
  'global CTX',
  'from ssl import CERT_NONE',
  'if x: y = 2',
  'names = [n for n in data]',
  'ctxs = [ctx for ctx in contexts]',
  '"""Used as such, for now."""',
  'print("as", ctx, "for", s)',
];
const APPENDED = ['x', ')', ' + 1', '.verify_mode', ' = ctx', '(False)', ', verify=False', ' # note', '(', "'"];

/**
 * An edit of one statement inside a function body (what the document may take as confined to it,
 * engine/document.ts `confine`): a letter typed in a name, a name replaced by one the detectors look up, text
 * appended at its end, the statement replaced by another (binding or not, TLS or not), or deleted.
 */
export function statementStep(text: string, r: Rng): Step {
  const lines = matchesOf(text, /^[ \t]+[^ \t\n#][^\n]*$/gm).filter(
    (i) => !/:\s*$/.test(text.slice(i, text.indexOf('\n', i))),
  );
  if (lines.length === 0) return randomStep(text, r, []);
  const start = r.pick(lines);
  const { end } = lineBounds(text, start);
  const line = text.slice(start, end);
  const indent = /^[ \t]*/.exec(line)![0];
  const names = [...line.matchAll(/[A-Za-z_]\w*/g)];
  switch (r.int(8)) {
    case 6: {
      // A compound statement's header (`if`, `while`, `with`, `for`): a letter or a name typed before its colon.
      const headers = matchesOf(text, /^[ \t]*(?:if|while|with|for|elif) [^\n]*:[ \t]*$/gm);
      if (headers.length === 0) break;
      const h = r.pick(headers);
      const colon = text.indexOf('\n', h) < 0 ? text.length : text.lastIndexOf(':', text.indexOf('\n', h));
      const at = h + r.int(Math.max(1, colon - h));
      return {
        kind: 'type in a header',
        start: at,
        end: at,
        text: r.pick(['x', 'a', ' ', '(', ', ctx', ' as s', ' and ok']),
      };
    }
    case 5: {
      // A statement begun on a blank line, indented as the next line with text (or as this one).
      const blanks = matchesOf(text, /^[ \t]*$/gm);
      if (blanks.length === 0) break;
      const b = r.pick(blanks);
      const lineEnd = lineBounds(text, b).end;
      const next = /\n([ \t]*)\S/.exec(text.slice(lineEnd));
      const indent = next ? next[1] : '';
      const typed = r.pick([...STATEMENTS, ...NAMES, 'x', 'print(']);
      return { kind: 'type on a blank line', start: b, end: lineEnd, text: `${r.int(3) === 0 ? '' : indent}${typed}` };
    }
    case 0:
      if (names.length) {
        const n = r.pick(names);
        const at = start + n.index + r.int(n[0].length + 1);
        return { kind: 'type in a statement', start: at, end: at, text: r.pick(['a', 'x', '_', '1']) };
      }
      break;
    case 1:
      if (names.length) {
        const n = r.pick(names);
        return {
          kind: 'rename in a statement',
          start: start + n.index,
          end: start + n.index + n[0].length,
          text: r.pick(NAMES),
        };
      }
      break;
    case 2:
      return { kind: 'append to a statement', start: end, end, text: r.pick(APPENDED) };
    case 3:
      return {
        kind: 'delete in a statement',
        start: start + indent.length,
        end: Math.min(end, start + indent.length + 1 + r.int(6)),
        text: '',
      };
    case 4:
      return { kind: 'delete a statement', start, end: Math.min(text.length, end + 1), text: '' };
  }
  return { kind: 'replace a statement', start: start + indent.length, end, text: r.pick(STATEMENTS) };
}

/** What must be equal: findings, suppressed findings, errors, the syntax-error flag and the other files asked for. */
export function comparable(r: LintResult): string {
  return JSON.stringify({
    language: r.language,
    findings: r.findings,
    suppressed: r.suppressed,
    errors: r.errors,
    syntaxErrors: r.syntaxErrors,
    abandoned: r.abandoned ?? false,
    wanted: r.wanted,
    dependsOn: r.dependsOn,
  });
}

/** The first part that differs between two results, for a readable failure. */
function firstDifference(a: LintResult, b: LintResult): string {
  for (const k of ['findings', 'suppressed'] as const) {
    const n = Math.max(a[k].length, b[k].length);
    for (let i = 0; i < n; i++) {
      const x = JSON.stringify(a[k][i]);
      const y = JSON.stringify(b[k][i]);
      if (x !== y) return `${k}[${i}] (of ${a[k].length} / ${b[k].length}):\nincremental ${x}\nscratch     ${y}`;
    }
  }
  return `incremental ${JSON.stringify({ ...a, findings: a.findings.length, suppressed: a.suppressed.length })}\nscratch     ${JSON.stringify({ ...b, findings: b.findings.length, suppressed: b.suppressed.length })}`;
}

export interface SequenceResult {
  steps: number;
  /** Steps whose incremental findings differed from a lint from scratch: the first one, described. */
  mismatch?: string;
  /** With a mismatch: the text opened and the changes applied before each lint, to replay it (`replayTrail`). */
  trail?: Trail;
  /** Findings seen over all steps (to tell a sequence that exercised something from one that did not). */
  findings: number;
  /** Ended early at a step where a lint ran past its time budget. */
  cut?: boolean;
}

/**
 * A sequence as the document saw it: the text it was opened with, then per lint the changes applied before it
 * (the first lint, at open, has none). Replaying it lints after each group and compares with a lint from scratch.
 */
export interface Trail {
  path: string;
  text: string;
  groups: Step[][];
}

/**
 * Runs `steps` random edits on a document opened with `text` (about a quarter of them undo earlier changes,
 * back to a text the document linted before); stops at the first mismatch.
 */
export function checkSequence(
  text: string,
  filePath: string,
  grammars: Grammars,
  r: Rng,
  steps: number,
  settings?: LintSettings,
  /** The edits: `randomStep` by default. */
  step: (text: string, r: Rng, removedBrackets: string[]) => Step = randomStep,
  /** Each lint's time budget (the document's and the one from scratch alike); none by default. */
  budgetMs?: number,
): SequenceResult {
  const doc = openDocument(text, filePath);
  const step_ = step;
  const removed: string[] = [];
  /** The inverse of each change applied, last first: an undo step applies the top one. */
  const undo: Step[] = [];
  const trail: Trail = { path: filePath, text, groups: [] };
  let group: Step[] = [];
  const change = (step: Step) => {
    group.push(step);
    doc.applyChange(step);
  };
  const apply = (step: Step) => {
    undo.push({
      kind: 'undo',
      start: step.start,
      end: step.start + step.text.length,
      text: doc.text.slice(step.start, step.end),
    });
    change(step);
  };
  let findings = 0;
  try {
    for (let i = 0; i <= steps; i++) {
      let step: Step | undefined;
      group = [];
      if (i > 0) {
        // Undo (one change or several, back to a text linted before), or a new random edit.
        if (undo.length > 0 && r.int(4) === 0) {
          step = undo.pop()!;
          change(step);
          if (undo.length > 0 && r.int(3) === 0) change(undo.pop()!);
        } else {
          step = step_(doc.text, r, removed);
          apply(step);
          // Sometimes several changes arrive before the next lint (fast typing with a debounce).
          if (r.int(4) === 0) apply(step_(doc.text, r, removed));
        }
      }
      trail.groups.push(group);
      const compared = compareLints(doc, grammars, settings, budgetMs);
      findings += compared.findings;
      // A text past the budget (tree-sitter-kotlin's recovery on some broken texts takes minutes): the edits that
      // follow would mostly be too, so the sequence ends here.
      if (compared.skipped) return { steps: i, findings, cut: true };
      if (compared.difference) {
        return {
          steps: i,
          findings,
          trail,
          mismatch:
            `${filePath}: step ${i} (${step ? `${step.kind} at ${step.start}-${step.end} ${JSON.stringify(step.text)}` : 'open'}):\n` +
            compared.difference,
        };
      }
    }
    return { steps, findings };
  } finally {
    doc.dispose();
  }
}

/**
 * The document's lint of its text against a lint from scratch, each under the same time budget: a lint past
 * it on either side is not compared (`skipped`: the two stop at different points of the same work).
 */
function compareLints(
  doc: LintDocument,
  grammars: Grammars,
  settings: LintSettings | undefined,
  budgetMs: number | undefined,
): { findings: number; difference?: string; skipped?: boolean } {
  const incremental = doc.lint(grammars, { settings, budgetMs });
  const scratch = lint({ text: doc.text, path: doc.path, settings, budgetMs }, grammars);
  if (incremental.abandoned || scratch.abandoned) {
    return { findings: 0, skipped: true };
  }
  const findings = scratch.findings.length + scratch.suppressed.length;
  if (comparable(incremental) === comparable(scratch)) return { findings };
  return { findings, difference: firstDifference(incremental, scratch) };
}

/** Replays a trail: the first lint whose findings differ from a lint from scratch, described (or undefined). */
export function replayTrail(
  trail: Trail,
  grammars: Grammars,
  settings?: LintSettings,
  budgetMs?: number,
): string | undefined {
  const doc = openDocument(trail.text, trail.path);
  try {
    for (const [i, group] of trail.groups.entries()) {
      for (const c of group) doc.applyChange(c);
      const compared = compareLints(doc, grammars, settings, budgetMs);
      if (compared.difference)
        return `${trail.path}: lint ${i} (${group.map((c) => `${c.kind} at ${c.start}-${c.end} ${JSON.stringify(c.text)}`).join('; ') || 'open'}):\n${compared.difference}`;
    }
    return undefined;
  } finally {
    doc.dispose();
  }
}

/** The text after a trail's first `n` groups. */
function textAfter(trail: Trail, n: number): string {
  let text = trail.text;
  for (const group of trail.groups.slice(0, n))
    for (const c of group) text = text.slice(0, c.start) + c.text + text.slice(c.end);
  return text;
}

/**
 * A shorter trail that still ends in a mismatch: the fewest last lints (opened at the text before them) that
 * do, then each earlier group dropped where the mismatch stays without it.
 */
export function minimizeTrail(trail: Trail, grammars: Grammars, settings?: LintSettings, budgetMs?: number): Trail {
  const n = trail.groups.length;
  let best = trail;
  for (let k = 1; k < n; k++) {
    const candidate: Trail = {
      path: trail.path,
      text: textAfter(trail, n - k),
      groups: [[], ...trail.groups.slice(n - k)],
    };
    if (replayTrail(candidate, grammars, settings, budgetMs)) {
      best = candidate;
      break;
    }
  }
  // A group between the opening and the last one merged into the next lint (no lint after it) where that keeps it.
  for (let i = 1; i < best.groups.length - 1;) {
    const groups = [
      ...best.groups.slice(0, i),
      [...best.groups[i], ...best.groups[i + 1]],
      ...best.groups.slice(i + 2),
    ];
    const candidate = { ...best, groups };
    if (replayTrail(candidate, grammars, settings, budgetMs)) best = candidate;
    else i++;
  }
  return best;
}
