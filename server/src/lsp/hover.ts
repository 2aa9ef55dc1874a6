// Hover on a finding: the message, the rule's summary, why it matters, the secure idiom and the docs link.
import { MarkupKind, type Hover, type HoverParams } from 'vscode-languageserver/node';
import { RULES } from '../engine/registry';
import type { Finding, RuleId } from '../engine/types';
import { ruleDocUri } from '../host/docs';
import type { ServerContext, LiveLinter } from './documents';

/** Markdown for one finding. */
export function hoverMarkdown(f: Finding): string {
  const lines: string[] = [`**tlslint** \`${f.rule}\` (${f.severity}): ${f.message}`];
  const rule = RULES.get(f.rule as RuleId);
  if (rule) {
    lines.push(
      '',
      rule.summary,
      '',
      `**Why this is a problem.** ${rule.docs.whyIsThisBad}`,
      '',
      `**How to fix.** ${rule.docs.howToFix}`,
    );
  } else if (f.rule === 'unused-suppression') {
    lines.push(
      '',
      'This `tlslint-disable` comment silences nothing; remove it so stale suppressions do not hide future findings.',
    );
  }
  const safe = f.fixes.filter((x) => x.safety === 'safe').map((x) => x.title);
  const unsafe = f.fixes.filter((x) => x.safety === 'unsafe').map((x) => x.title);
  if (safe.length) lines.push('', `Quick fix: ${safe.join('; ')}.`);
  if (unsafe.length) lines.push('', `Quick fix needing review (unsafe): ${unsafe.join('; ')}.`);
  const href = ruleDocUri(f.rule);
  if (href)
    lines.push('', `[Rule documentation (${rule ? `CWE-${rule.cwe}` : f.rule})](${href}) · detector \`${f.detector}\``);
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
  return {
    contents: { kind: MarkupKind.Markdown, value: hits.map(hoverMarkdown).join('\n\n---\n\n') },
    range: { start: doc.positionAt(start), end: doc.positionAt(end) },
  };
}
