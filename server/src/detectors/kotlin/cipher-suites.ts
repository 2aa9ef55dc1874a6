import type { Node } from 'web-tree-sitter';
import { named, simpleName, stringValue } from '../../engine/languages/kotlin';
import { defineDetector } from '../../engine/detector';
import { intermediateSuitesFix } from '../../engine/jsse';
import type { SourceFile } from '../../engine/types';
import { weakSuiteElements } from '../jvm/support/cipher-suites';
import { kotlinListSettings } from '../jvm/support/kotlin-options';

const SETTERS = ['setEnabledCipherSuites', 'setCipherSuites', 'cipherSuites'];
const PROPERTIES = ['enabledCipherSuites', 'cipherSuites'];

function suiteOf(file: SourceFile, el: Node): string | undefined {
  if (el.type === 'navigation_expression' && simpleName(named(el)[0]) === 'CipherSuite') return named(el)[1]?.text;
  const s = stringValue(file, el);
  return s && /^(TLS|SSL)_/.test(s) ? s : undefined;
}

export const detector = defineDetector<{ elements: Node[] }>({
  id: 'kotlin.cipher-suites',
  summary: `JSSE and OkHttp cipher suite lists in Kotlin with suites outside Mozilla's intermediate profile.`,
  docs: `
    JSSE and OkHttp cipher suite lists in Kotlin with suites outside Mozilla's intermediate profile:
    \`enabledCipherSuites = arrayOf(...)\`, \`setEnabledCipherSuites(...)\`, \`SSLParameters.cipherSuites\`,
    OkHttp \`cipherSuites(CipherSuite.X, ...)\`. The fix (unsafe) replaces the whole list with Mozilla's
    intermediate suites.
  `,
  rule: 'weak-cipher',
  languages: ['kotlin'],
  apis: [
    'javax.net.ssl.SSLSocket.enabledCipherSuites',
    'javax.net.ssl.SSLParameters.cipherSuites',
    'okhttp3.ConnectionSpec.Builder.cipherSuites',
  ],
  tokens: ['ipherSuites'],
  fixAvailability: 'always',
  detect(file, report) {
    for (const { elements, api } of kotlinListSettings(file, SETTERS, PROPERTIES)) {
      for (const w of weakSuiteElements(api, elements, (el) => suiteOf(file, el)))
        report({ ...w, state: { elements } });
    }
  },
  fix(file, r) {
    return intermediateSuitesFix(file.text, r.state.elements);
  },
  examples: {
    kotlin: {
      bad: `
        import javax.net.ssl.SSLSocket

        fun f(s: SSLSocket) {
            s.enabledCipherSuites = arrayOf("SSL_RSA_WITH_RC4_128_MD5")
        }
      `,
      good: `
        import javax.net.ssl.SSLSocket

        fun f(s: SSLSocket) {
            s.enabledCipherSuites = arrayOf("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")
        }
      `,
    },
  },
});
