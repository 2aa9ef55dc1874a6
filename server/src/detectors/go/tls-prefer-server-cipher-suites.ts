import type { Node } from 'web-tree-sitter';
import { keyedElements, removeElementEdit, tlsConfigLiterals, tlsFieldWrites } from '../../engine/languages/go';
import { compareGoVersions } from '../../engine/languages/gomod';
import { defineDetector } from '../../engine/detector';

export const detector = defineDetector<{ remove: Node; statement: boolean }>({
  id: 'go.tls-prefer-server-cipher-suites',
  summary: 'crypto/tls.',
  docs: `
    crypto/tls: \`PreferServerCipherSuites\` is deprecated and ignored since Go 1.18 (the library orders
    suites itself); setting it suggests a hand-tuned suite order that no longer exists.
  `,
  rule: 'deprecated-api',
  languages: ['go'],
  apis: ['crypto/tls.Config.PreferServerCipherSuites'],
  tokens: ['PreferServerCipherSuites'],
  fixAvailability: 'always',
  detect(file, report) {
    // Before Go 1.18 the field still did something.
    const version = file.settings.languages.go?.version;
    if (version && compareGoVersions(version, '1.18') < 0) return;
    const message =
      '`tls.Config.PreferServerCipherSuites` is deprecated and ignored since Go 1.18: crypto/tls orders the cipher suites itself.';
    for (const lit of tlsConfigLiterals(file)) {
      const el = keyedElements(lit).get('PreferServerCipherSuites');
      if (el) report({ node: el, message, state: { remove: el, statement: false } });
    }
    for (const w of tlsFieldWrites(file, ['PreferServerCipherSuites'])) {
      if (w.statement.parent?.type !== 'statement_list' && w.statement.parent?.type !== 'block') continue;
      report({ node: w.statement, message, state: { remove: w.statement, statement: true } });
    }
  },
  fix(file, r) {
    const { remove, statement } = r.state;
    const text = file.text;
    let edit = removeElementEdit(text, remove);
    if (statement) {
      // A statement: remove its line when it stands alone, else the statement and a following `;`.
      const lineStart = text.lastIndexOf('\n', remove.startIndex - 1) + 1;
      const rest = /^[ \t]*(?:;[ \t]*)?(\r?\n|$)/.exec(text.slice(remove.endIndex));
      edit =
        /^[ \t]*$/.test(text.slice(lineStart, remove.startIndex)) && rest
          ? { start: lineStart, end: remove.endIndex + rest[0].length, newText: '' }
          : {
              start: remove.startIndex,
              end: remove.endIndex + (/^[ \t]*;/.exec(text.slice(remove.endIndex))?.[0].length ?? 0),
              newText: '',
            };
    }
    return { title: 'Remove `PreferServerCipherSuites` (ignored since Go 1.18)', safety: 'safe', edits: [edit] };
  },
  examples: {
    go: {
      bad: `
        package main

        import "crypto/tls"

        var cfg = &tls.Config{MinVersion: tls.VersionTLS12, PreferServerCipherSuites: true}
      `,
      good: `
        package main

        import "crypto/tls"

        var cfg = &tls.Config{MinVersion: tls.VersionTLS12}
      `,
    },
  },
});
