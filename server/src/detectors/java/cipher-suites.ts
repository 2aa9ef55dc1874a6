import type { Node } from 'web-tree-sitter';
import { arrayElements, invocation, simpleTypeName, stringValue } from '../../engine/languages/java';
import { classifyCipherSuite, suiteProblem } from '../../engine/ciphers';
import { defineDetector } from '../../engine/detector';
import { intermediateSuitesFix, intermediateSuitesPropertyFix } from '../../engine/jsse';
import type { Fix, SourceFile } from '../../engine/types';
import { weakSuiteElements } from '../jvm/support/cipher-suites';

const SETTERS = ['setEnabledCipherSuites', 'setCipherSuites', 'cipherSuites'];

function suiteOf(file: SourceFile, el: Node): string | undefined {
  if (el.type === 'field_access' && simpleTypeName(el.childForFieldName('object')) === 'CipherSuite')
    return el.childForFieldName('field')?.text;
  const s = stringValue(file, el);
  return s && /^(TLS|SSL)_/.test(s) ? s : undefined;
}

type State = { kind: 'element'; elements: Node[] } | { kind: 'property'; literal?: Node };

export const detector = defineDetector<State>({
  id: 'java.cipher-suites',
  summary: `JSSE and OkHttp cipher suite lists with suites outside Mozilla's intermediate profile.`,
  docs: `
    JSSE and OkHttp cipher suite lists with suites outside Mozilla's intermediate profile:
    \`setEnabledCipherSuites(...)\` (SSLSocket, SSLServerSocket, SSLEngine), \`SSLParameters.setCipherSuites\`,
    OkHttp \`ConnectionSpec.Builder.cipherSuites(CipherSuite.X, ...)\` and the \`https.cipherSuites\`
    system property. Names are IANA's (and JSSE's \`SSL_\` aliases). The fix (unsafe: peers that speak
    only the dropped suites stop connecting) replaces the whole list with Mozilla's intermediate suites.
  `,
  rule: 'weak-cipher',
  languages: ['java'],
  apis: [
    'javax.net.ssl.SSLSocket.setEnabledCipherSuites',
    'javax.net.ssl.SSLParameters.setCipherSuites',
    'okhttp3.ConnectionSpec.Builder.cipherSuites',
    'https.cipherSuites',
  ],
  tokens: ['CipherSuites', 'cipherSuites'],
  fixAvailability: 'sometimes',
  detect(file, report) {
    for (const call of file.nodes('method_invocation')) {
      const { name, args } = invocation(call);
      if (SETTERS.includes(name) && args.length >= 1) {
        const elements = args.length === 1 ? (arrayElements(file, args[0]) ?? args) : args;
        if (args.length === 1 && args[0].type === 'identifier') {
          // An array held in a variable: report the argument, where the list reaches the API.
          const weak = elements
            .map((e) => suiteOf(file, e))
            .filter((x): x is string => !!x && classifyCipherSuite(x) !== 'ok');
          if (weak.length > 0) {
            report({
              node: args[0],
              message: `\`${name}\` enables ${weak[0]}${weak.length > 1 ? ` and ${weak.length - 1} more weak suites` : ''}: ${suiteProblem(weak[0])}.`,
              state: { kind: 'property' },
            });
          }
          continue;
        }
        for (const w of weakSuiteElements(name, elements, (el) => suiteOf(file, el)))
          report({ ...w, state: { kind: 'element', elements } });
      } else if (
        name === 'setProperty' &&
        args.length === 2 &&
        simpleTypeName(call.childForFieldName('object')) === 'System' &&
        stringValue(file, args[0]) === 'https.cipherSuites'
      ) {
        const value = stringValue(file, args[1]);
        const weak = (value ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s && classifyCipherSuite(s) !== 'ok');
        if (weak.length > 0)
          report({
            node: args[1],
            message: `The \`https.cipherSuites\` property enables ${weak[0]}${weak.length > 1 ? ` and ${weak.length - 1} more` : ''}: ${suiteProblem(weak[0])}.`,
            state: args[1].type === 'string_literal' ? { kind: 'property', literal: args[1] } : { kind: 'property' },
          });
      }
    }
  },
  fix(file, r): Fix | undefined {
    const s = r.state;
    if (s.kind === 'element') return intermediateSuitesFix(file.text, s.elements);
    return s.literal ? intermediateSuitesPropertyFix(s.literal) : undefined;
  },
  examples: {
    java: {
      bad: `
        import javax.net.ssl.SSLSocket;

        class C {
          void f(SSLSocket s) {
            s.setEnabledCipherSuites(new String[] {"SSL_RSA_WITH_RC4_128_MD5"});
          }
        }
      `,
      good: `
        import javax.net.ssl.SSLSocket;

        class C {
          void f(SSLSocket s) {
            s.setEnabledCipherSuites(new String[] {"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"});
          }
        }
      `,
    },
  },
});
