// `tlslint rule [ID]` (like `ruff rule`): a rule's summary, documentation and per-language detectors, or
// one detector with its examples; without an ID, the list of rules.
import { ALL_RULES } from '../rules';
import { DETECTORS, DETECTORS_BY_ID } from '../engine/registry';
import { UNUSED_SUPPRESSION, type Detector, type Rule } from '../engine/types';
import { UsageError } from './args';
import { didYouMean } from './suggest';

const FIX: Record<Detector['fixAvailability'], string> = {
  always: 'fix always available',
  sometimes: 'fix sometimes available',
  none: 'no fix',
};

function detectorLine(d: Detector): string {
  return `- ${d.id} (${d.languages.join(', ')}; ${FIX[d.fixAvailability]}): ${d.apis.join(', ')}`;
}

function explainRule(r: Rule): string {
  const detectors = DETECTORS.filter((d) => d.rule === r.id);
  return [
    `# ${r.id} (CWE-${r.cwe}, default severity: ${r.defaultSeverity})`,
    '',
    r.summary,
    '',
    '## What it does',
    r.docs.whatItDoes,
    '',
    '## Why is this bad?',
    r.docs.whyIsThisBad,
    '',
    '## How to fix',
    r.docs.howToFix,
    '',
    '## When not to use it',
    r.docs.whenNotToUseIt,
    '',
    `## Detectors (${detectors.length})`,
    ...detectors.map(detectorLine),
    '',
    '## References',
    ...r.docs.references.map((u) => `- ${u}`),
    '',
  ].join('\n');
}

function explainDetector(d: Detector): string {
  const several = Object.keys(d.examples).length > 1;
  return [
    `# ${d.id} (rule ${d.rule})`,
    '',
    d.summary,
    '',
    d.docs.trimEnd(),
    '',
    `Languages: ${d.languages.join(', ')}`,
    `APIs: ${d.apis.join(', ')}`,
    `Fix: ${FIX[d.fixAvailability]}`,
    '',
    ...Object.entries(d.examples).flatMap(([language, e]) => [
      `## Flagged${several ? ` (${language})` : ''}`,
      '```',
      e.bad.trimEnd(),
      '```',
      '',
      `## Not flagged${several ? ` (${language})` : ''}`,
      '```',
      e.good.trimEnd(),
      '```',
      '',
    ]),
    `See \`tlslint rule ${d.rule}\`.`,
    '',
  ].join('\n');
}

const UNUSED = [
  `# ${UNUSED_SUPPRESSION} (default severity: information)`,
  '',
  'A tlslint-disable comment that silences no finding, so stale suppressions do not hide future problems.',
  'Its fix removes the comment (or the rule ids in it that silence nothing).',
  '',
].join('\n');

/** The text `tlslint rule` prints, or JSON with `json`. Throws UsageError for an unknown id. */
export function ruleCommand(id: string | undefined, json: boolean): string {
  if (id === undefined) {
    if (json)
      return (
        JSON.stringify(
          ALL_RULES.map((r) => ({
            id: r.id,
            cwe: r.cwe,
            defaultSeverity: r.defaultSeverity,
            summary: r.summary,
            detectors: DETECTORS.filter((d) => d.rule === r.id).map((d) => d.id),
          })),
          null,
          2,
        ) + '\n'
      );
    const w = Math.max(...ALL_RULES.map((r) => r.id.length), UNUSED_SUPPRESSION.length);
    return (
      [
        ...ALL_RULES.map((r) => `${r.id.padEnd(w)}  ${r.summary}`),
        `${UNUSED_SUPPRESSION.padEnd(w)}  A tlslint-disable comment that silences nothing.`,
      ].join('\n') + '\n'
    );
  }
  const rule = ALL_RULES.find((r) => r.id === id);
  const detector = DETECTORS_BY_ID.get(id);
  if (json) {
    if (rule)
      return (
        JSON.stringify(
          {
            ...rule,
            detectors: DETECTORS.filter((d) => d.rule === rule.id).map((d) => ({
              id: d.id,
              languages: d.languages,
              apis: d.apis,
              fixAvailability: d.fixAvailability,
            })),
          },
          null,
          2,
        ) + '\n'
      );
    if (detector) {
      const { id: did, rule: rid, languages, apis, fixAvailability, examples } = detector;
      return JSON.stringify({ id: did, rule: rid, languages, apis, fixAvailability, examples }, null, 2) + '\n';
    }
  }
  if (rule) return explainRule(rule);
  if (detector) return explainDetector(detector);
  if (id === UNUSED_SUPPRESSION) return UNUSED;
  const names = [...ALL_RULES.map((r) => r.id as string), UNUSED_SUPPRESSION, ...DETECTORS.map((d) => d.id)];
  throw new UsageError(`unknown rule or detector '${id}'${didYouMean(id, names)} (see tlslint rule)`);
}
