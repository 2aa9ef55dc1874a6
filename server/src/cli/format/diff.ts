// `--diff`: the unified diff of what `--fix` would write, per file, with nothing written.
import { structuredPatch } from 'diff';

/** A unified diff (`--- a/path`, `+++ b/path`, hunks with 3 lines of context) of one file. */
export function unifiedDiff(path: string, before: string, after: string): string {
  if (before === after) return '';
  const patch = structuredPatch(`a/${path}`, `b/${path}`, before, after, '', '', { context: 3 });
  const out = [`--- a/${path}`, `+++ b/${path}`];
  for (const h of patch.hunks) {
    out.push(`@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`);
    out.push(...h.lines);
  }
  return out.join('\n') + '\n';
}
