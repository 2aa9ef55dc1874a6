// go.mod: the Go toolchain (`toolchain goX.Y.Z`, else the `go` line, a minimum) against Go's
// crypto/tls and crypto/x509 advisories and its end of life, and `golang.org/x/crypto` requires.
import { assessVersion, describe, eolStatus, packagesOf } from '../../engine/deps/advisories';
import { goMod } from '../../engine/deps/manifests';
import { lineOf } from '../../engine/deps/versions';
import { defineDetector } from '../../engine/detector';
import { today } from './support/clock';
import { bumpFix, reportDependencies, type BumpState } from './support/dependencies';

export const detector = defineDetector<BumpState>({
  id: 'deps.go-mod',
  summary:
    "go.mod: the Go toolchain (`toolchain goX.Y.Z`, else the `go` line, a minimum) against Go's crypto/tls and crypto/x509 advisories and its end of life, and `golang.org/x/crypto` requires.",
  docs: `
    go.mod: the Go toolchain (\`toolchain goX.Y.Z\`, else the \`go\` line, a minimum) against Go's
    crypto/tls and crypto/x509 advisories and its end of life, and \`golang.org/x/crypto\` requires.
  `,
  rule: 'outdated-tls-library',
  languages: ['gomod'],
  apis: ['go', 'toolchain', ...packagesOf('Go').filter((p) => p !== 'stdlib')],
  tokens: ['go'],
  fixAvailability: 'sometimes',
  detect(file, report) {
    const mod = goMod(file.text);
    const pin = mod.toolchain ?? mod.go;
    if (pin) {
      const isMinimum = !mod.toolchain;
      const a = assessVersion('Go', 'stdlib', pin.version);
      const line = lineOf('Go', pin.version);
      const eol = line ? eolStatus('go', line, today()) : undefined;
      const eolNote = eol?.ended
        ? ` Go ${eol.cycle} is past end of life${eol.eolDate ? ` (${eol.eolDate})` : ''}.`
        : '';
      const shown = isMinimum ? `go ${pin.version}` : `toolchain go${pin.version}`;
      if (a) {
        const note = isMinimum ? ` (a minimum, so it allows Go ${a.version})` : '';
        report({
          range: pin,
          message: describe('Go', `\`${shown}\``, a, note).replace(/^`Go` /, 'The Go standard library of ') + eolNote,
          state: {
            package: 'Go',
            fixed: a.fixedInLine,
            replace: a.fixedInLine ? { ...pin, newText: a.fixedInLine } : undefined,
          },
        });
      } else if (eol?.ended) {
        report({
          range: pin,
          message: `\`${shown}\`:${eolNote} No more crypto/tls or crypto/x509 fixes for this line.`,
          state: { package: 'Go' },
        });
      }
    }
    reportDependencies('Go', mod.requires, report);
  },
  fix: bumpFix,
  examples: {
    gomod: {
      bad: 'module example.com/svc\n\ngo 1.21\n\ntoolchain go1.21.1\n',
      good: 'module example.com/svc\n\ngo 1.26.6\n',
    },
  },
});
