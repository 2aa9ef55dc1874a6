import type { Node } from 'web-tree-sitter';
import { calls, simpleName, stringValue } from '../../engine/languages/kotlin';
import { defineDetector } from '../../engine/detector';
import { JSSE_LEGACY_PROTOCOLS } from '../../engine/jsse';

export const detector = defineDetector<{ literal: Node | undefined }>({
  id: 'kotlin.ssl-context-protocol',
  summary:
    'javax.net.ssl.SSLContext.getInstance in Kotlin with a legacy protocol name ("SSL", "SSLv3", "TLSv1", "TLSv1.1").',
  docs: `
    javax.net.ssl.SSLContext.getInstance in Kotlin with a legacy protocol name ("SSL", "SSLv3",
    "TLSv1", "TLSv1.1"); the fix asks for "TLS" (see java.ssl-context-protocol for why not "TLSv1.2").
  `,
  rule: 'legacy-protocol',
  languages: ['kotlin'],
  apis: ['javax.net.ssl.SSLContext.getInstance'],
  tokens: ['SSLContext'],
  fixAvailability: 'sometimes',
  detect(file, report) {
    for (const c of calls(file)) {
      if (c.name !== 'getInstance' || simpleName(c.receiver) !== 'SSLContext' || !c.args[0]) continue;
      const proto = stringValue(file, c.args[0]);
      if (proto === undefined || !JSSE_LEGACY_PROTOCOLS.includes(proto)) continue;
      report({
        node: c.args[0],
        message: `\`SSLContext.getInstance("${proto}")\` asks for a legacy protocol: TLS 1.2 is the minimum.`,
        state: { literal: c.args[0].type === 'string_literal' ? c.args[0] : undefined },
      });
    }
  },
  fix(_file, r) {
    const literal = r.state.literal;
    if (!literal) return undefined;
    return {
      title: 'Negotiate the best enabled version (`SSLContext.getInstance("TLS")`)',
      safety: 'safe',
      edits: [{ start: literal.startIndex, end: literal.endIndex, newText: '"TLS"' }],
    };
  },
  examples: {
    kotlin: {
      bad: `
        import javax.net.ssl.SSLContext

        val ctx: SSLContext = SSLContext.getInstance("TLSv1")
      `,
      good: `
        import javax.net.ssl.SSLContext

        val ctx: SSLContext = SSLContext.getInstance("TLS")
      `,
    },
  },
});
