// package.json `engines.node` and .nvmrc / .node-version: a Node.js release line past its end of
// life (no more OpenSSL or TLS fixes). A range is reported when it allows such a line.
import * as semver from 'semver';
import { TABLE, eolStatus } from '../../engine/deps/advisories';
import { nvmrc, packageJsonEngines } from '../../engine/deps/manifests';
import { defineDetector } from '../../engine/detector';
import type { SourceFile } from '../../engine/types';
import { today } from './support/clock';
import { parseManifest } from './support/dependencies';

/**
 * The ended release line a range starts at: its lowest allowed version's major. A range is what a
 * fresh install or CI may run, and its floor is the oldest Node.js it promises to work on; an odd,
 * short-lived line in the middle of `>=24` is never what anyone selects, so it is not reported.
 */
function endedLines(range: string, now: Date): { cycle: string; eol?: string | undefined }[] {
  let min: semver.SemVer | null;
  try {
    min = semver.minVersion(range);
  } catch {
    min = null;
  }
  if (!min) return [];
  const s = eolStatus('nodejs', String(min.major), now);
  return s?.ended ? [{ cycle: s.cycle, eol: s.eolDate }] : [];
}

function detectIn(file: SourceFile): { start: number; end: number; range: string; shown: string } | undefined {
  if (file.language === 'nvmrc') {
    const v = nvmrc(file.text);
    return (
      v && {
        start: v.start,
        end: v.end,
        range: v.version.split('.').length < 3 ? `${v.version}.x` : v.version,
        shown: v.version,
      }
    );
  }
  const e = parseManifest(file, () => packageJsonEngines(file.text), undefined);
  return e && { start: e.start, end: e.end, range: e.range, shown: e.range };
}

export const detector = defineDetector({
  id: 'deps.node-engines',
  summary:
    'package.json `engines.node` and .nvmrc / .node-version: a Node.js release line past its end of life (no more OpenSSL or TLS fixes).',
  docs: `
    package.json \`engines.node\` and .nvmrc / .node-version: a Node.js release line past its end of life
    (no more OpenSSL or TLS fixes). A range is reported when it allows such a line.
  `,
  rule: 'outdated-tls-library',
  languages: ['package-json', 'nvmrc'],
  apis: ['engines.node', '.nvmrc', '.node-version'],
  tokens: [],
  fixAvailability: 'none',
  detect(file, report) {
    const found = detectIn(file);
    if (!found || semver.validRange(found.range) === null) return;
    const ended = endedLines(found.range, today());
    if (!ended.length) return;
    const supported = (TABLE.eol.nodejs ?? []).filter((r) => r.lts && !eolStatus('nodejs', r.cycle, today())?.ended);
    const oldest = supported.sort((a, b) => Number(a.cycle) - Number(b.cycle))[0];
    const lines = ended.map((l) => `${l.cycle}${l.eol ? ` (end of life ${l.eol})` : ''}`).join(', ');
    const what = file.language === 'nvmrc' ? `\`${found.shown}\`` : `\`engines.node: "${found.shown}"\``;
    report({
      range: { start: found.start, end: found.end },
      message:
        `${what} ${file.language === 'nvmrc' ? 'is' : 'allows'} Node.js ${lines}, past end of life: ` +
        `no more fixes for its bundled OpenSSL and TLS stack.` +
        (oldest ? ` The oldest supported LTS line is ${oldest.cycle}.` : ''),
    });
  },
  examples: {
    'package-json': {
      bad: '{ "name": "svc", "engines": { "node": "16.x" } }\n',
      good: '{ "name": "svc", "engines": { "node": ">=24" } }\n',
    },
  },
});
