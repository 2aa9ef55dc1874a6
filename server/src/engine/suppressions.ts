// Suppression comments: `tlslint-disable-next-line <rule>[, <rule>] -- <reason>`, `-line` and `-file`.
import type { Tree } from 'web-tree-sitter';
import { LANGUAGES } from './languages';
import { LineIndex } from './text';
import type { Finding, LanguageId, ReportedRuleId, TextEdit } from './types';

export interface Directive {
  kind: 'next-line' | 'line' | 'file';
  /** Rule ids named; empty means every rule. */
  rules: string[];
  justification: string;
  /** The comment's span (leader to end of line). */
  start: number;
  end: number;
  /** The line the directive applies to (for next-line/line). */
  targetLine: number;
  /** The line the comment is on, and whether the comment is alone on it. */
  line: number;
  ownLine: boolean;
  /** Rule ids that silenced at least one finding. */
  used: Set<string>;
}

const DIRECTIVE = /tlslint-disable-(next-line|line|file)\b([^\r\n]*)/g;
const LEADERS = ['#', '//', '/*', '*', '--', ';', '<!--', "'"];

function isInComment(tree: Tree | undefined, offset: number): boolean {
  if (!tree) return true;
  let node = tree.rootNode.descendantForIndex(offset);
  while (node) {
    if (node.type.includes('comment')) return true;
    if (node.type.includes('string') || node.type === 'ERROR') return node.type === 'ERROR';
    node = node.parent;
  }
  return false;
}

/** Finds every suppression directive written in a comment of the file. */
export function parseDirectives(
  text: string,
  language: LanguageId,
  lines: LineIndex,
  tree: Tree | undefined,
): Directive[] {
  const leader = LANGUAGES[language].lineComment;
  // Formats without comments (JSON lock files) have no directives.
  if (!text.includes('tlslint-disable') || leader === '') return [];
  const out: Directive[] = [];
  DIRECTIVE.lastIndex = 0;
  for (let m = DIRECTIVE.exec(text); m; m = DIRECTIVE.exec(text)) {
    const at = m.index;
    const line = lines.lineOf(at);
    const lineStart = lines.lineStart(line);
    const before = text.slice(lineStart, at);
    // The directive must open its comment: a comment leader, then only blanks (as ESLint's directives and
    // ruff's `# noqa` must). Prose that mentions the syntax mid-comment, like this module's first line, is
    // not a directive.
    const head = before.trimEnd();
    const leaderAt = head.endsWith(leader) ? head.length - leader.length : -1;
    if ((leaderAt < 0 && !LEADERS.some((l) => head.endsWith(l))) || !isInComment(tree, at)) continue;
    const commentStart = leaderAt >= 0 ? lineStart + leaderAt : at;
    let rest = m[2];
    // Strip a block comment's closer.
    rest = rest.replace(/(?<!\s)\s*(\*\/\}?|-->)\s*$/, '');
    const sep = rest.indexOf('--');
    const ruleText = sep >= 0 ? rest.slice(0, sep) : rest;
    const justification = sep >= 0 ? rest.slice(sep + 2).trim() : '';
    const rules = ruleText
      .split(/[\s,]+/)
      .map((r) => r.trim())
      .filter((r) => r.length > 0);
    const kind = m[1] as Directive['kind'];
    out.push({
      kind,
      rules,
      justification,
      start: commentStart,
      end: lines.lineEnd(line),
      line,
      ownLine: text.slice(lineStart, commentStart).trim() === '',
      targetLine: kind === 'next-line' ? line + 1 : line,
      used: new Set(),
    });
  }
  return out;
}

function matches(d: Directive, rule: string): boolean {
  return d.rules.length === 0 || d.rules.includes(rule);
}

/** Which directive, if any, silences a finding that starts on `line`. */
export function findSuppression(directives: Directive[], rule: ReportedRuleId, line: number): Directive | undefined {
  for (const d of directives) {
    if (!matches(d, rule)) continue;
    if (d.kind === 'file' || d.targetLine === line) return d;
  }
  return undefined;
}

/** The edit that removes a directive: its whole line when alone, else the trailing comment. */
export function removeDirectiveEdit(text: string, d: Directive, lines: LineIndex): TextEdit {
  if (d.ownLine) {
    const start = lines.lineStart(d.line);
    const next = d.line + 1 < lines.lineCount ? lines.lineStart(d.line + 1) : text.length;
    return { start, end: next, newText: '' };
  }
  let start = d.start;
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  return { start, end: d.end, newText: '' };
}

/** Whether a line starts inside JSX children, where a `//` line would be text, not a comment. */
function inJsxChildren(tree: Tree | undefined, offset: number): boolean {
  let node = tree?.rootNode.descendantForIndex(offset) ?? null;
  while (node) {
    const parent = node.parent;
    if (!parent) return false;
    if (parent.type === 'jsx_element' || parent.type === 'jsx_fragment') {
      return node.type !== 'jsx_opening_element' && node.type !== 'jsx_closing_element';
    }
    if (node.type.startsWith('jsx_') && node.type !== 'jsx_text' && node.type !== 'jsx_expression') return false;
    if (!node.type.startsWith('jsx_')) {
      // A plain expression is JSX children only when it is the direct child of a jsx_expression.
      if (parent.type !== 'jsx_expression') return false;
    }
    node = parent;
  }
  return false;
}

/** The edit that inserts `tlslint-disable-next-line <rule>` above a finding, keeping indentation. */
export function suppressEditFor(
  text: string,
  language: LanguageId,
  lines: LineIndex,
  f: Pick<Finding, 'start' | 'rule'>,
  lineBreak: string,
  tree?: Tree,
): TextEdit | undefined {
  if (LANGUAGES[language].lineComment === '') return undefined;
  const line = lines.lineOf(f.start);
  const start = lines.lineStart(line);
  const indent = /^[ \t]*/.exec(text.slice(start, lines.lineEnd(line)))?.[0] ?? '';
  const directive = `tlslint-disable-next-line ${f.rule} -- reason: <why this is acceptable>`;
  if ((language === 'javascript' || language === 'tsx') && inJsxChildren(tree, start + indent.length)) {
    return { start, end: start, newText: `${indent}{/* ${directive} */}${lineBreak}` };
  }
  const leader = LANGUAGES[language].lineComment;
  return { start, end: start, newText: `${indent}${leader} ${directive}${lineBreak}` };
}

/** Lines at the top of a file that must stay first: a shebang, an encoding or magic comment, parser directives. */
const HEADER_LINE = [
  /^#!/, // shebang
  /^[ \t\f]*#.*?coding[:=][ \t]*[-\w.]+/, // PEP 263 / Ruby encoding comment
  /^#\s*(frozen_string_literal|warn_indent|shareable_constant_value)\s*:/i, // Ruby magic comments
  /^#\s*(syntax|escape|check)\s*=/i, // Dockerfile parser directives (only honoured before any other comment)
];

/**
 * The edit that inserts `tlslint-disable-file <rule>` at the top of the file, in its comment syntax:
 * after a shebang, encoding line, magic comments or parser directives, and after `<?php` in PHP.
 */
export function suppressFileEditFor(
  text: string,
  language: LanguageId,
  lines: LineIndex,
  rule: string,
  lineBreak: string,
): TextEdit | undefined {
  // Formats without comments (JSON lock files) cannot hold a directive.
  if (LANGUAGES[language].lineComment === '') return undefined;
  const directive = `${LANGUAGES[language].lineComment} tlslint-disable-file ${rule} -- reason: <why this is acceptable>`;
  if (language === 'php') {
    const open = text.indexOf('<?php');
    if (open >= 0) {
      const after = open + '<?php'.length;
      const line = lines.lineOf(open);
      const end = lines.lineEnd(line);
      if (text.slice(after, end).trim() === '') {
        const next = line + 1 < lines.lineCount ? lines.lineStart(line + 1) : text.length;
        return next === text.length && end === text.length
          ? { start: next, end: next, newText: `${lineBreak}${directive}${lineBreak}` }
          : { start: next, end: next, newText: `${directive}${lineBreak}` };
      }
      return { start: after, end: after, newText: `${lineBreak}${directive}${lineBreak}` };
    }
  }
  let line = 0;
  while (line < lines.lineCount && line < 8) {
    const content = text.slice(lines.lineStart(line), lines.lineEnd(line));
    if (!HEADER_LINE.some((re) => re.test(content))) break;
    line++;
  }
  if (line < lines.lineCount) {
    const start = lines.lineStart(line);
    return { start, end: start, newText: `${directive}${lineBreak}` };
  }
  // Only header lines: append after the last one, which may lack a line break.
  const end = text.length;
  const needsBreak = end > 0 && !/[\r\n]$/.test(text);
  return { start: end, end, newText: `${needsBreak ? lineBreak : ''}${directive}${lineBreak}` };
}
