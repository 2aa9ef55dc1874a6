// What every dependency detector shares: judge parsed dependencies against the advisory table,
// report on the version text, and offer the unsafe bump where a manifest pins the version.
import { assessRange, assessVersion, describe, isTracked } from '../../../engine/deps/advisories';
import { ManifestError, SYNTAX_ERROR_MEMO, type Dependency } from '../../../engine/deps/manifests';
import type { Ecosystem } from '../../../engine/deps/versions';
import type { ReportOf } from '../../../engine/detector';
import type { Fix, SourceFile } from '../../../engine/types';

export interface BumpState {
  replace?: { start: number; end: number; newText: string } | undefined;
  package: string;
  fixed?: string | undefined;
}

/** Reports each tracked dependency that pins or allows a version with a TLS advisory. */
export function reportDependencies(
  eco: Ecosystem,
  deps: Dependency[],
  report: (r: ReportOf<BumpState>) => void,
  lockHint?: string,
): void {
  for (const d of deps) {
    if (!isTracked(eco, d.name)) continue;
    const a =
      d.version !== undefined
        ? assessVersion(eco, d.name, d.version)
        : d.clauses
          ? assessRange(eco, d.name, d.clauses)
          : undefined;
    if (!a) continue;
    const rangeNote = d.version === undefined ? ` (allows ${a.version})` : '';
    const hint = lockHint && !d.fixable ? ` Regenerate the lock file after upgrading (${lockHint}).` : '';
    report({
      range: { start: d.start, end: d.end },
      message: describe(d.name, d.shown, a, rangeNote) + hint,
      state: {
        package: d.name,
        fixed: a.fixedInLine,
        // Keep the spelling of the pin: Go modules write `v1.2.3`, the table `1.2.3`.
        replace:
          d.fixable && a.fixedInLine
            ? { start: d.start, end: d.end, newText: (d.shown.startsWith('v') ? 'v' : '') + a.fixedInLine }
            : undefined,
      },
    });
  }
}

/** The version bump: always unsafe, since an upgrade can break the application. */
export function bumpFix(_file: SourceFile, r: ReportOf<BumpState>): Fix | undefined {
  const s = r.state;
  if (!s?.replace) return undefined;
  return { title: `Upgrade \`${s.package}\` to ${s.fixed}`, safety: 'unsafe', edits: [s.replace] };
}

/**
 * Parses a manifest; when it does not parse, records it for lint's `syntaxErrors` (as a broken Python
 * file is) and returns `empty`: a broken lock file is a syntax error of the file, not a detector failure.
 */
export function parseManifest<T>(file: SourceFile, parse: () => T, empty: T): T {
  try {
    return parse();
  } catch (e) {
    if (!(e instanceof ManifestError)) throw e;
    file.memo(SYNTAX_ERROR_MEMO, () => e.message);
    return empty;
  }
}
