// JSON output (interfaces.md): { version: 1, findings: [...], summary: { files, skipped, findings, durationMs } },
// plus `configErrors: [{ path, line, column, key?, message }]` when the configuration stopped the run.
import * as path from 'path';
import type { LocatedConfigError } from '../../host/config';
import type { OutFinding } from '../scan';

export interface ScanSummary {
  files: number;
  skipped: number;
  findings: number;
  durationMs: number;
  /** Findings silenced in source (shown in SARIF only). */
  suppressed: number;
  /** Fixes written by --fix. */
  fixed?: number;
  /** With --baseline: findings not reported because the baseline lists them. */
  baselined?: number;
}

/** A path for the report: relative to the scan root (forward slashes) when inside it, else absolute. */
export function reportPath(root: string, file: string): string {
  const rel = path.relative(root, file);
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return file;
  return rel.split(path.sep).join('/');
}

export function formatJson(
  findings: OutFinding[],
  summary: ScanSummary,
  extra: { root?: string; configErrors?: LocatedConfigError[] } = {},
): string {
  const configErrors = extra.configErrors?.map(({ file, error }) => ({
    path: extra.root ? reportPath(extra.root, file) : file,
    line: error.line,
    column: error.column,
    ...(error.key ? { key: error.key } : {}),
    message: error.message,
  }));
  const out = {
    version: 1,
    findings: findings.map((f) => ({
      path: f.path,
      // Notebooks: the code cell (1-based); line and column count within it.
      ...(f.cell !== undefined ? { cell: f.cell } : {}),
      line: f.line,
      column: f.column,
      endLine: f.endLine,
      endColumn: f.endColumn,
      rule: f.rule,
      severity: f.severity,
      message: f.message,
      detector: f.detector,
      ...(f.kind ? { kind: f.kind } : {}),
      ...(f.related ? { related: f.related } : {}),
      fixes: f.fixes,
    })),
    summary: {
      files: summary.files,
      skipped: summary.skipped,
      findings: summary.findings,
      durationMs: summary.durationMs,
      suppressed: summary.suppressed,
      ...(summary.fixed !== undefined ? { fixed: summary.fixed } : {}),
      ...(summary.baselined !== undefined ? { baselined: summary.baselined } : {}),
    },
    ...(configErrors?.length ? { configErrors } : {}),
  };
  return JSON.stringify(out, null, 2) + '\n';
}
