// Baselines for adopting tlslint on legacy code: `--write-baseline FILE` records today's findings,
// `--baseline FILE` reports only findings that are not in it.
//
// A finding is recorded by two hashes, as SARIF `partialFingerprints` are (GitHub's primaryLocationLineHash):
// - `fingerprint`: rule, detector, path and the whitespace-collapsed text of the flagged line with its nearest
//   non-blank neighbours, plus an occurrence index among equal hashes in the file (`<hash>:<n>`). Line
//   numbers are not in it, so lines inserted or removed elsewhere do not matter.
// - `lineHash`: the same without the neighbours, a fallback for an edit right next to the finding.
// Matching takes exact fingerprints first, then the fallback, each baseline entry at most once: a new
// finding identical to a baselined one elsewhere in the file is reported.
import * as crypto from 'crypto';
import * as fs from 'fs';
import { UsageError } from './args';
import type { OutFinding } from './scan';

export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  fingerprint: string;
  lineHash: string;
  rule: string;
  detector: string;
  /** Relative to the baseline file's folder, with forward slashes. */
  path: string;
  /** Where it was when recorded (informational; not used to match). */
  line: number;
  cell?: number;
  message: string;
}

export interface BaselineFile {
  version: number;
  tool: 'tlslint';
  findings: BaselineEntry[];
}

function sha(s: string): string {
  return crypto.createHash('sha256').update(s).digest('hex').slice(0, 32);
}

/**
 * The fingerprints of findings (in the order given), `pathOf` naming each one's file. The occurrence index
 * counts equal hashes in document order, so callers pass findings sorted by position within each file.
 */
export function fingerprints(
  findings: readonly OutFinding[],
  pathOf: (f: OutFinding) => string,
): { fingerprint: string; lineHash: string }[] {
  const order = findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => (a.f.cell ?? 0) - (b.f.cell ?? 0) || a.f.line - b.f.line || a.f.column - b.f.column);
  const seen = new Map<string, number>();
  const out = new Array<{ fingerprint: string; lineHash: string }>(findings.length);
  for (const { f, i } of order) {
    const key = `${f.rule}\0${f.detector}\0${pathOf(f)}`;
    const hash = sha(`${key}\0${f.context}`);
    const n = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, n);
    out[i] = { fingerprint: `${hash}:${n}`, lineHash: sha(`${key}\0${f.lineText.replace(/\s+/g, ' ')}`) };
  }
  return out;
}

export function baselineJson(findings: readonly OutFinding[], pathOf: (f: OutFinding) => string): string {
  const prints = fingerprints(findings, pathOf);
  const entries: BaselineEntry[] = findings.map((f, i) => ({
    ...prints[i],
    rule: f.rule,
    detector: f.detector,
    path: pathOf(f),
    line: f.line,
    ...(f.cell !== undefined ? { cell: f.cell } : {}),
    message: f.message,
  }));
  entries.sort(
    (a, b) =>
      (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
      (a.cell ?? 0) - (b.cell ?? 0) ||
      a.line - b.line ||
      (a.fingerprint < b.fingerprint ? -1 : 1),
  );
  const file: BaselineFile = { version: BASELINE_VERSION, tool: 'tlslint', findings: entries };
  return JSON.stringify(file, null, 2) + '\n';
}

/** Reads a baseline; a missing or malformed file is a usage error (exit 2), never an empty baseline. */
export function loadBaseline(file: string, shown: string): BaselineFile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read --baseline ${shown}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`invalid --baseline ${shown}: ${(e as Error).message}`);
  }
  const b = data as Partial<BaselineFile>;
  if (
    !b ||
    b.tool !== 'tlslint' ||
    b.version !== BASELINE_VERSION ||
    !Array.isArray(b.findings) ||
    !b.findings.every((e) => typeof e?.fingerprint === 'string' && typeof e?.lineHash === 'string')
  )
    throw new UsageError(
      `invalid --baseline ${shown}: not a tlslint baseline (version ${BASELINE_VERSION}); write one with --write-baseline`,
    );
  return b as BaselineFile;
}

/** Splits findings into those to report and those the baseline lists. */
export function applyBaseline(
  baseline: BaselineFile,
  findings: readonly OutFinding[],
  pathOf: (f: OutFinding) => string,
): { kept: OutFinding[]; baselined: OutFinding[] } {
  const prints = fingerprints(findings, pathOf);
  const exact = new Map<string, number>();
  const loose = new Map<string, number>();
  for (const e of baseline.findings) exact.set(e.fingerprint, (exact.get(e.fingerprint) ?? 0) + 1);
  const matched = new Array<boolean>(findings.length).fill(false);
  // Exact first, so the fallback cannot take an entry a later finding matches exactly.
  prints.forEach((p, i) => {
    const n = exact.get(p.fingerprint) ?? 0;
    if (n > 0) {
      exact.set(p.fingerprint, n - 1);
      matched[i] = true;
    }
  });
  for (const e of baseline.findings) {
    // Entries not taken exactly are left for the fallback.
    const n = exact.get(e.fingerprint) ?? 0;
    if (n > 0) {
      exact.set(e.fingerprint, n - 1);
      loose.set(e.lineHash, (loose.get(e.lineHash) ?? 0) + 1);
    }
  }
  prints.forEach((p, i) => {
    if (matched[i]) return;
    const n = loose.get(p.lineHash) ?? 0;
    if (n > 0) {
      loose.set(p.lineHash, n - 1);
      matched[i] = true;
    }
  });
  return {
    kept: findings.filter((_, i) => !matched[i]),
    baselined: findings.filter((_, i) => matched[i]),
  };
}
