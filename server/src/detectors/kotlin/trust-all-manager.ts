import type { Node } from 'web-tree-sitter';
import {
  callOf,
  calls,
  childOfType,
  classesImplementing,
  functionsNamed,
  isNoOpFunction,
  named,
  simpleName,
} from '../../engine/languages/kotlin';
import { defineDetector } from '../../engine/detector';
import { TRUST_MANAGERS } from '../../engine/jsse';

function head(fn: Node): { start: number; end: number } {
  const name = named(fn).find((c) => c.type === 'identifier' || c.type === 'simple_identifier');
  return { start: fn.startIndex, end: (name ?? fn).endIndex };
}

/** `= null`, `= arrayOf()`, `= emptyArray()` (or the same in `{ return ... }`): no trusted issuer. */
function returnsNoIssuers(fn: Node): boolean {
  const inner = named(childOfType(fn, 'function_body'))[0];
  let value: Node | undefined = inner;
  if (inner?.type === 'block') {
    const st = named(inner);
    value = st.length === 1 && st[0].type === 'return_expression' ? named(st[0])[0] : undefined;
  }
  if (!value) return false;
  if (value.text === 'null') return true;
  const c = value.type === 'call_expression' ? callOf(value) : undefined;
  return !!c && !c.receiver && c.args.length === 0 && (c.name === 'arrayOf' || c.name === 'emptyArray');
}

export const detector = defineDetector({
  id: 'kotlin.trust-all-manager',
  summary: 'javax.net.ssl in Kotlin.',
  docs: `
    javax.net.ssl in Kotlin: an X509TrustManager (class, object or \`object :\` expression) whose
    checkServerTrusted does nothing (\`{}\`, comments, logging, \`= Unit\`), so every chain is accepted;
    its checkClientTrusted too when the class trusts every server as well, and its getAcceptedIssuers
    when it returns null or an empty array there; Netty's
    InsecureTrustManagerFactory.INSTANCE.
  `,
  rule: 'cert-verification-disabled',
  languages: ['kotlin'],
  apis: [
    'javax.net.ssl.X509TrustManager',
    'javax.net.ssl.X509ExtendedTrustManager',
    'io.netty.handler.ssl.util.InsecureTrustManagerFactory',
    'android.net.SSLCertificateSocketFactory.getInsecure',
    'okhttp3.tls.HandshakeCertificates.Builder.addInsecureHost',
  ],
  tokens: ['TrustManager', 'getInsecure', 'addInsecureHost'],
  fixAvailability: 'none',
  detect(file, report) {
    for (const cls of classesImplementing(file, TRUST_MANAGERS)) {
      const server = functionsNamed(cls.body, 'checkServerTrusted');
      const lax = server.filter(isNoOpFunction);
      for (const f of lax)
        report({
          range: head(f),
          message: `\`${cls.supertype}.checkServerTrusted\` accepts every certificate chain: the server is not authenticated.`,
        });
      if (lax.length === 0 || lax.length !== server.length) continue;
      for (const f of functionsNamed(cls.body, 'checkClientTrusted').filter(isNoOpFunction)) {
        report({
          range: head(f),
          message: `\`${cls.supertype}.checkClientTrusted\` accepts every certificate chain: clients are not authenticated.`,
        });
      }
      // The third method of the same accept-everything idiom (Find Security Bugs and Semgrep report each).
      for (const f of functionsNamed(cls.body, 'getAcceptedIssuers').filter(returnsNoIssuers)) {
        report({
          range: head(f),
          message: `\`${cls.supertype}.getAcceptedIssuers\` names no trusted issuer in a trust manager that accepts every certificate chain.`,
        });
      }
    }
    for (const c of calls(file)) {
      // From the method name: in a builder chain the call node starts at the chain's start.
      const callee = named(c.node)[0];
      const nameNode = callee?.type === 'navigation_expression' ? named(callee)[named(callee).length - 1] : callee;
      const at = { start: nameNode?.startIndex ?? c.node.startIndex, end: c.node.endIndex };
      if (c.name === 'getInsecure' && simpleName(c.receiver) === 'SSLCertificateSocketFactory') {
        report({
          range: at,
          message: '`SSLCertificateSocketFactory.getInsecure` returns a socket factory that accepts every certificate.',
        });
      } else if (c.name === 'addInsecureHost') {
        report({
          range: at,
          message: '`HandshakeCertificates.Builder.addInsecureHost` accepts every certificate from that host.',
        });
      }
    }
    for (const nav of file.nodes('navigation_expression')) {
      const kids = named(nav);
      if (kids.length === 2 && simpleName(kids[0]) === 'InsecureTrustManagerFactory' && kids[1].text === 'INSTANCE') {
        report({
          node: nav,
          message: '`InsecureTrustManagerFactory.INSTANCE` trusts every certificate without verification.',
        });
      }
    }
  },
  examples: {
    kotlin: {
      bad: `
        import java.security.cert.X509Certificate
        import javax.net.ssl.X509TrustManager

        class TrustAll : X509TrustManager {
            override fun checkServerTrusted(chain: Array<X509Certificate>, authType: String) {}
            override fun checkClientTrusted(chain: Array<X509Certificate>, authType: String) = throw UnsupportedOperationException()
            override fun getAcceptedIssuers(): Array<X509Certificate> = throw UnsupportedOperationException()
        }
      `,
      good: `
        import java.security.cert.X509Certificate
        import javax.net.ssl.X509TrustManager

        class Delegating(private val delegate: X509TrustManager) : X509TrustManager {
            override fun checkServerTrusted(chain: Array<X509Certificate>, authType: String) = delegate.checkServerTrusted(chain, authType)
            override fun checkClientTrusted(chain: Array<X509Certificate>, authType: String) = delegate.checkClientTrusted(chain, authType)
            override fun getAcceptedIssuers(): Array<X509Certificate> = delegate.acceptedIssuers
        }
      `,
    },
  },
});
