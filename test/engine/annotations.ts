// The fixture annotation grammar (Semgrep's words) and the path fixtures are linted under, shared by
// the detector fixtures and the intent fixtures.
import * as path from 'path';
import { ROOT } from '../helpers';

export interface Expectation {
  kind: 'ruleid' | 'ok' | 'todoruleid' | 'todook';
  rule: string;
  line: number; // 1-based target line
  annotationLine: number;
  /** `ruleid: <rule> (opt-in)`: the finding must be reported as an opt-in path (rules.md §Intent). */
  optIn: boolean;
}

const ANNOTATION =
  /(?:^|[^\w-])(todoruleid|todook|ruleid|ok):\s*([a-z][a-z0-9-]*(?:\s*,\s*[a-z][a-z0-9-]*)*)(\s*\(opt-in\))?/;

/** Reads annotations: on a comment-only line they target the next code line, else their own line. */
export function parseAnnotations(text: string): Expectation[] {
  const lines = text.split(/\r?\n/);
  const out: Expectation[] = [];
  let pending: Omit<Expectation, 'line'>[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const m = ANNOTATION.exec(line);
    const commentOnly = /^\s*(#|\/\/|\/\*|\*|--|;|<!--)/.test(line);
    if (m) {
      const rules = m[2].split(',').map((r) => r.trim());
      const items = rules.map((rule) => ({
        kind: m[1] as Expectation['kind'],
        rule,
        annotationLine: i + 1,
        optIn: !!m[3],
      }));
      if (commentOnly) {
        pending.push(...items);
        continue;
      }
      for (const it of items) out.push({ ...it, line: i + 1 });
    } else if (commentOnly || line.trim() === '') {
      continue;
    }
    for (const p of pending) out.push({ ...p, line: i + 1 });
    pending = [];
  }
  return out;
}

/**
 * The path a fixture is linted under: relative to test/fixtures, as hosts pass workspace-relative
 * paths (an absolute path would put every fixture under `test/` and make it test code).
 */
export function lintPathOf(fixture: string): string {
  return path.relative(path.join(ROOT, 'test', 'fixtures'), fixture).replace(/\\/g, '/');
}
