// SARIF 2.1.0 output for GitHub code scanning and other viewers: rules[] from the rule registry,
// results with 1-based UTF-16 regions relative to SRCROOT, fixes[], inSource suppressions[].
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Severity } from '../../engine/types';
import type { LocatedConfigError } from '../../host/config';
import { ALL_RULES } from '../../rules';
import { ruleDocUri } from '../../host/docs';
import { fingerprints } from '../baseline';
import type { FileReport, OutFinding } from '../scan';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  information: 'note',
};
/** GitHub's security-severity scale (0-10): error high, warning medium, information low. */
const SECURITY_SEVERITY: Record<Severity, string> = { error: '7.5', warning: '5.3', information: '2.0' };
export const INFORMATION_URI = 'https://github.com/tlslint/tlslint';

function pascal(id: string): string {
  return id.replace(/(^|-)([a-z])/g, (_m, _d, ch: string) => ch.toUpperCase());
}

/** The reporting descriptors: every concept rule, then the meta rule for stale suppressions. */
export function sarifRules(): Record<string, unknown>[] {
  const rules: Record<string, unknown>[] = ALL_RULES.map((r) => {
    const help = [
      `## What it does`,
      r.docs.whatItDoes,
      `## Why is this bad?`,
      r.docs.whyIsThisBad,
      `## How to fix`,
      r.docs.howToFix,
      `## When not to use it`,
      r.docs.whenNotToUseIt,
      `## References`,
      ...r.docs.references.map((u) => `- ${u}`),
    ].join('\n\n');
    return {
      id: r.id,
      name: pascal(r.id),
      shortDescription: { text: r.summary },
      fullDescription: { text: r.docs.whatItDoes },
      help: { text: `${r.docs.whyIsThisBad} ${r.docs.howToFix}`, markdown: help },
      helpUri: ruleDocUri(r.id),
      defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
      properties: {
        tags: ['security', `CWE-${r.cwe}`, `external/cwe/cwe-${r.cwe}`],
        precision: 'high',
        'problem.severity': r.defaultSeverity === 'information' ? 'recommendation' : r.defaultSeverity,
        'security-severity': SECURITY_SEVERITY[r.defaultSeverity],
      },
    };
  });
  rules.push({
    id: 'unused-suppression',
    name: 'UnusedSuppression',
    shortDescription: { text: 'A tlslint-disable comment silences nothing and can be removed.' },
    fullDescription: {
      text: 'Reports tlslint-disable-next-line, tlslint-disable-line and tlslint-disable-file comments that silence no finding, so stale suppressions do not hide future problems.',
    },
    help: {
      text: 'Remove the suppression comment, or fix the rule id it names.',
      markdown: 'Remove the suppression comment, or fix the rule id it names.',
    },
    helpUri: ruleDocUri('unused-suppression'),
    defaultConfiguration: { level: 'note' },
    properties: { tags: ['maintainability'], precision: 'very-high', 'problem.severity': 'recommendation' },
  });
  return rules;
}

function uriOf(rel: string): string {
  return rel.split('/').map(encodeURIComponent).join('/');
}

function region(f: OutFinding) {
  // A notebook finding: the lines of the .ipynb (JSON) file that hold its source lines, whole lines.
  if (f.cell !== undefined) return { startLine: f.fileLine ?? 1, endLine: f.fileEndLine ?? f.fileLine ?? 1 };
  return { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn };
}

export interface SarifInput {
  root: string;
  version: string;
  reports: FileReport[];
  /** Reported findings, already filtered by severity. */
  findings: OutFinding[];
  suppressed: OutFinding[];
  skipped: { path: string; reason: string }[];
  /** Errors of the configuration that stopped the run (then nothing was linted). */
  configErrors?: LocatedConfigError[];
}

/** A file's location for SARIF: under SRCROOT when inside the scan root, else its absolute file URI. */
function artifactOf(root: string, file: string): { uri: string; uriBaseId?: string } {
  const rel = path.relative(root, file);
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return { uri: pathToFileURL(file).href };
  return { uri: uriOf(rel.split(path.sep).join('/')), uriBaseId: 'SRCROOT' };
}

export function formatSarif(input: SarifInput): string {
  const rules = sarifRules();
  const ruleIndex = new Map(rules.map((r, i) => [r.id as string, i]));
  const result = (f: OutFinding, i: number) => {
    const artifactLocation = { uri: uriOf(f.path), uriBaseId: 'SRCROOT' };
    return {
      ruleId: f.rule,
      ruleIndex: ruleIndex.get(f.rule) ?? -1,
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [{ physicalLocation: { artifactLocation, region: region(f) } }],
      ...(f.related?.length
        ? {
            relatedLocations: f.related.map((r, i) => ({
              id: i,
              physicalLocation: {
                artifactLocation: r.path ? { uri: uriOf(r.path), uriBaseId: 'SRCROOT' } : artifactLocation,
                region: { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn },
              },
              message: { text: r.message },
            })),
          }
        : {}),
      // The baseline's fingerprints (cli/baseline.ts): stable when lines move.
      partialFingerprints: { 'tlslintFindingHash/v2': prints[i].fingerprint, 'tlslintLineHash/v1': prints[i].lineHash },
      // SARIF fixes replace regions of the artifact: a notebook's are JSON edits that --fix makes instead.
      ...(f.fixes.length && f.cell === undefined
        ? {
            fixes: f.fixes.map((x) => ({
              description: { text: x.safety === 'safe' ? x.title : `${x.title} (unsafe: review the change)` },
              artifactChanges: [
                {
                  artifactLocation,
                  replacements: x.edits.map((e) => ({
                    deletedRegion: {
                      startLine: e.line,
                      startColumn: e.column,
                      endLine: e.endLine,
                      endColumn: e.endColumn,
                    },
                    insertedContent: { text: e.newText },
                  })),
                },
              ],
            })),
          }
        : {}),
      ...(f.suppression
        ? {
            suppressions: [
              {
                kind: f.suppression.kind === 'baseline' ? 'external' : 'inSource',
                status: 'accepted',
                justification: f.suppression.justification || 'no reason given',
              },
            ],
          }
        : {}),
      properties: {
        detector: f.detector,
        ...(f.kind ? { kind: f.kind } : {}),
        ...(f.fixes.length ? { fixSafety: f.fixes[0].safety } : {}),
        ...(f.cell !== undefined ? { cell: f.cell, cellLine: f.line, cellColumn: f.column } : {}),
      },
    };
  };
  const all = [...input.findings, ...input.suppressed].sort(
    (a, b) =>
      (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
      (a.cell ?? 0) - (b.cell ?? 0) ||
      a.line - b.line ||
      a.column - b.column ||
      a.rule.localeCompare(b.rule),
  );
  const prints = fingerprints(all, (f) => f.path);
  const rootUri = pathToFileURL(input.root).href.replace(/\/?$/, '/');
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'tlslint',
            version: input.version,
            semanticVersion: input.version,
            informationUri: INFORMATION_URI,
            rules,
          },
        },
        invocations: [
          {
            executionSuccessful: !input.configErrors?.length,
            ...(input.configErrors?.length
              ? {
                  toolConfigurationNotifications: input.configErrors.map(({ file, error }) => ({
                    level: 'error',
                    descriptor: { id: 'invalid-configuration' },
                    message: {
                      text: `Invalid configuration: ${error.key ? `${error.key}: ` : ''}${error.message}.`,
                    },
                    locations: [
                      {
                        physicalLocation: {
                          artifactLocation: artifactOf(input.root, file),
                          region: { startLine: error.line, startColumn: error.column },
                        },
                      },
                    ],
                  })),
                }
              : {}),
            toolExecutionNotifications: [
              ...input.skipped.map((s) => ({
                level: 'note',
                message: { text: `Skipped: ${s.reason}.` },
                locations: [{ physicalLocation: { artifactLocation: { uri: uriOf(s.path), uriBaseId: 'SRCROOT' } } }],
              })),
              // A lossy decode: the file was linted, but some of its bytes were read as U+FFFD.
              ...input.reports.flatMap((r) =>
                (r.warnings ?? []).map((w) => ({
                  level: 'warning',
                  message: { text: `${w}.` },
                  locations: [{ physicalLocation: { artifactLocation: { uri: uriOf(r.path), uriBaseId: 'SRCROOT' } } }],
                })),
              ),
            ],
          },
        ],
        originalUriBaseIds: { SRCROOT: { uri: rootUri } },
        columnKind: 'utf16CodeUnits',
        results: all.map(result),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
