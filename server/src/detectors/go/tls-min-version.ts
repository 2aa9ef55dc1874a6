import type { Node } from 'web-tree-sitter';
import {
  constInt,
  elementValue,
  keyedElements,
  replaceableInPlace,
  tlsConfigLiterals,
  tlsFieldWrites,
  tlsRef,
  versionName,
} from '../../engine/languages/go';
import { defineDetector } from '../../engine/detector';

const FIELDS = ['MinVersion', 'MaxVersion'];
const TLS12 = 0x0303;

function legacy(v: number | undefined): v is number {
  // 0 means "the default" (and for MaxVersion "the highest"): not a forced legacy version.
  return v !== undefined && v > 0 && v < TLS12;
}

function message(owner: string, field: string, v: number): string {
  return field === 'MinVersion'
    ? `\`${owner}.MinVersion\` is ${versionName(v)}: connections may fall back to a legacy protocol; TLS 1.2 is the minimum.`
    : `\`${owner}.MaxVersion\` is ${versionName(v)}: connections are capped at a legacy protocol; TLS 1.2 is the minimum.`;
}

export const detector = defineDetector<{ value: Node }>({
  id: 'go.tls-min-version',
  summary: 'crypto/tls.',
  docs: `
    crypto/tls: \`MinVersion\` (the floor) or \`MaxVersion\` (the ceiling) below TLS 1.2, in a tls.Config
    literal or a later field write; the versions resolve through crypto/tls constants, raw numbers
    (0x0301) and constants of the same file.
  `,
  rule: 'legacy-protocol',
  languages: ['go'],
  apis: ['crypto/tls.Config.MinVersion', 'crypto/tls.Config.MaxVersion'],
  tokens: ['MinVersion', 'MaxVersion'],
  fixAvailability: 'sometimes',
  detect(file, report) {
    for (const lit of tlsConfigLiterals(file)) {
      const keys = keyedElements(lit);
      for (const field of FIELDS) {
        const el = keys.get(field);
        const value = el && elementValue(el);
        const v = constInt(file, value);
        if (el && value && legacy(v)) report({ node: el, message: message('tls.Config', field, v), state: { value } });
      }
    }
    for (const w of tlsFieldWrites(file, FIELDS)) {
      const v = constInt(file, w.value);
      if (legacy(v))
        report({ node: w.statement, message: message(w.receiver.text, w.field, v), state: { value: w.value } });
    }
  },
  fix(file, r) {
    const value = r.state.value;
    // A local variable replaced at its use would be left unused, which Go refuses to compile.
    if (!replaceableInPlace(file, value)) return undefined;
    // Without a crypto/tls import in the file, the constant's value keeps it compiling.
    const newText = tlsRef(file, 'VersionTLS12') ?? '0x0303';
    return {
      title: `Require TLS 1.2 (\`${newText}\`)`,
      safety: 'safe',
      edits: [{ start: value.startIndex, end: value.endIndex, newText }],
    };
  },
  examples: {
    go: {
      bad: `
        package main

        import "crypto/tls"

        var cfg = &tls.Config{MinVersion: tls.VersionTLS10}
      `,
      good: `
        package main

        import "crypto/tls"

        var cfg = &tls.Config{MinVersion: tls.VersionTLS12}
      `,
    },
  },
});
