import type { Node } from 'web-tree-sitter';
import { invocation, simpleTypeName, stringLiteralOf, stringValue } from '../../engine/languages/java';
import { defineDetector, type ReportOf } from '../../engine/detector';
import { JSSE_LEGACY_PROTOCOLS } from '../../engine/jsse';
import type { SourceFile } from '../../engine/types';

type State = { literal: Node | undefined; direct: boolean };

/**
 * `SSLContext.getInstance(protocol)` where `protocol` is a parameter of its method (a test's
 * `createSSLContext(keyStore, "TLSv1.1")` helper): each call of that method in the file that passes a
 * legacy name is reported at the argument, with the sink as related location.
 */
function reportCallers(file: SourceFile, sink: Node, param: Node, report: (r: ReportOf<State>) => void): void {
  let method: Node | null = sink.parent;
  while (method && method.type !== 'method_declaration' && method.type !== 'constructor_declaration')
    method = method.parent;
  const name = method?.childForFieldName('name')?.text;
  const params = (method?.childForFieldName('parameters')?.namedChildren ?? []).filter(
    (p): p is Node => !!p && /parameter$/.test(p.type),
  );
  const index = params.findIndex((p) => p.childForFieldName('name')?.text === param.text);
  if (!method || !name || index < 0 || params.some((p) => p.type === 'spread_parameter')) return;
  // A parameter the method assigns before the call no longer holds the caller's value.
  const body = method.childForFieldName('body');
  if (
    body
      ?.descendantsOfType('assignment_expression')
      .some((a) => a?.childForFieldName('left')?.text === param.text && a.startIndex < sink.startIndex)
  )
    return;
  for (const call of file.nodes('method_invocation')) {
    const { name: called, args } = invocation(call);
    const object = call.childForFieldName('object');
    if (called !== name || args.length !== params.length || (object && object.type !== 'this')) continue;
    const value = stringValue(file, args[index]);
    if (value === undefined || !JSSE_LEGACY_PROTOCOLS.includes(value)) continue;
    report({
      node: args[index],
      message: `\`${name}(...)\` is called with "${value}", which reaches \`SSLContext.getInstance(${param.text})\`: a legacy protocol, TLS 1.2 is the minimum.`,
      related: [
        { start: param.startIndex, end: param.endIndex, message: 'the SSLContext.getInstance call it reaches' },
      ],
      // Through a helper that may serve other callers: a review, not an automatic change.
      state: { literal: stringLiteralOf(file, args[index]), direct: false },
    });
  }
}

export const detector = defineDetector<State>({
  id: 'java.ssl-context-protocol',
  summary: 'javax.net.ssl.SSLContext.getInstance with a legacy protocol name ("SSL", "SSLv3", "TLSv1", "TLSv1.1").',
  docs: `
    javax.net.ssl.SSLContext.getInstance with a legacy protocol name ("SSL", "SSLv3", "TLSv1",
    "TLSv1.1"). The fix asks for "TLS": the JDK then negotiates the best version its configuration
    enables (TLS 1.3 and 1.2 on current JDKs, with 1.0/1.1 disabled by jdk.tls.disabledAlgorithms),
    where "TLSv1.2" would cap it at 1.2 and, in SunJSSE, still enable 1.0 and 1.1 on clients.
    When the name is a parameter of the method (\`createSSLContext(String protocol)\`), each call of that
    method in the file with a legacy name is reported at its argument, the sink as related location.
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
      if (proto === undefined && args[0].type === 'identifier') {
        reportCallers(file, call, args[0], report);
        continue;
      }
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
