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
import { trustUses, writtenAs } from '../../engine/jvm-trust';
import {
  TRUST_ALL_APIS,
  TRUST_ALL_TOKENS,
  reportInsecureCall,
  reportInsecureFactoryInstance,
  reportTrustAllManagers,
} from '../jvm/support/trust-managers';

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
  apis: [...TRUST_ALL_APIS],
  tokens: [...TRUST_ALL_TOKENS],
  fixAvailability: 'none',
  detect(file, report) {
    reportTrustAllManagers(
      classesImplementing(file, TRUST_MANAGERS),
      { methodsNamed: functionsNamed, acceptsAll: isNoOpFunction, returnsNoIssuers, head },
      report,
    );
    for (const c of calls(file)) {
      // From the method name: in a builder chain the call node starts at the chain's start.
      const callee = named(c.node)[0];
      const nameNode = callee?.type === 'navigation_expression' ? named(callee)[named(callee).length - 1] : callee;
      const at = { start: nameNode?.startIndex ?? c.node.startIndex, end: c.node.endIndex };
      reportInsecureCall(c.name, simpleName(c.receiver), at, report);
    }
    for (const nav of file.nodes('navigation_expression')) {
      const kids = named(nav);
      if (kids.length === 2 && simpleName(kids[0]) === 'InsecureTrustManagerFactory' && kids[1].text === 'INSTANCE') {
        reportInsecureFactoryInstance(nav, report);
      }
    }
    // Last, so a construction reported above for what it is (`new NoopHostnameVerifier()`) keeps that report.
    // An instance of such a class, here or in another file, handed to TLS by its class name.
    for (const use of trustUses(file, 'trusts-any-chain')) {
      report({
        node: use.node,
        message: `\`${writtenAs(use.node)}\` given to \`${use.sink}\` trusts every certificate: \`${use.cls.name}.checkServerTrusted\` accepts any chain.`,
        related: [use.cls.related],
      });
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
