// JSON output (interfaces.md): { version: 1, findings: [...], summary: { files, skipped, findings, durationMs } }.
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

export function formatJson(findings: OutFinding[], summary: ScanSummary): string {
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
  };
  return JSON.stringify(out, null, 2) + '\n';
}
