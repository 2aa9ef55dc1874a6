import type { Node } from 'web-tree-sitter';
import { invocation, simpleTypeName, stringLiteralOf, stringValue } from '../../engine/languages/java';
import { defineDetector } from '../../engine/detector';
import { JSSE_LEGACY_PROTOCOLS } from '../../engine/jsse';

export const detector = defineDetector<{ literal: Node | undefined; direct: boolean }>({
  id: 'java.ssl-context-protocol',
  summary: 'javax.net.ssl.SSLContext.getInstance with a legacy protocol name ("SSL", "SSLv3", "TLSv1", "TLSv1.1").',
  docs: `
    javax.net.ssl.SSLContext.getInstance with a legacy protocol name ("SSL", "SSLv3", "TLSv1",
    "TLSv1.1"). The fix asks for "TLS": the JDK then negotiates the best version its configuration
    enables (TLS 1.3 and 1.2 on current JDKs, with 1.0/1.1 disabled by jdk.tls.disabledAlgorithms),
    where "TLSv1.2" would cap it at 1.2 and, in SunJSSE, still enable 1.0 and 1.1 on clients.
  `,
  rule: 'legacy-protocol',
  languages: ['java'],
  apis: ['javax.net.ssl.SSLContext.getInstance'],
  tokens: ['SSLContext'],
  fixAvailability: 'sometimes',
  detect(file, report) {
    for (const call of file.nodes('method_invocation')) {
      const { name, args } = invocation(call);
      if (name !== 'getInstance' || simpleTypeName(call.childForFieldName('object')) !== 'SSLContext' || !args[0])
        continue;
      const proto = stringValue(file, args[0]);
      if (proto === undefined || !JSSE_LEGACY_PROTOCOLS.includes(proto)) continue;
      report({
        node: args[0],
        message: `\`SSLContext.getInstance("${proto}")\` asks for a legacy protocol: TLS 1.2 is the minimum.`,
        state: { literal: stringLiteralOf(file, args[0]), direct: args[0].type === 'string_literal' },
      });
    }
  },
  fix(_file, r) {
    const { literal, direct } = r.state;
    if (!literal) return undefined;
    return {
      title: 'Negotiate the best enabled version (`SSLContext.getInstance("TLS")`)',
      // Through a constant, the edit changes every other use of that constant too: review.
      safety: direct ? 'safe' : 'unsafe',
      edits: [{ start: literal.startIndex, end: literal.endIndex, newText: '"TLS"' }],
    };
  },
  examples: {
    java: {
      bad: `
        import javax.net.ssl.SSLContext;

        class C {
          SSLContext ctx() throws Exception {
            return SSLContext.getInstance("TLSv1");
          }
        }
      `,
      good: `
        import javax.net.ssl.SSLContext;

        class C {
          SSLContext ctx() throws Exception {
            return SSLContext.getInstance("TLS");
          }
        }
      `,
    },
  },
});
