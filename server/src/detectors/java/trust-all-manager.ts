import type { Node } from 'web-tree-sitter';
import { acceptsEveryChain, classesImplementing, methodsNamed, simpleTypeName } from '../../engine/languages/java';
import { defineDetector } from '../../engine/detector';
import { trustUseReports } from '../jvm/support/trust-uses';
import { TRUST_MANAGERS } from '../../engine/jsse';
import type { SourceFile } from '../../engine/types';
import {
  TRUST_ALL_APIS,
  TRUST_ALL_TOKENS,
  reportInsecureCall,
  reportInsecureFactoryInstance,
  reportTrustAllManagers,
} from '../jvm/support/trust-managers';

/** `null`, `new X509Certificate[0]`, `new X509Certificate[] {}` or the bare initializer `{}`. */
function isNoIssuers(value: Node | null | undefined): boolean {
  if (value?.type === 'null_literal') return true;
  if (value?.type === 'array_initializer') return value.namedChildren.length === 0;
  if (value?.type !== 'array_creation_expression') return false;
  const dims = value.namedChildren.find((c) => c?.type === 'dimensions_expr');
  const init = value.namedChildren.find((c) => c?.type === 'array_initializer');
  return dims?.namedChildren[0]?.text === '0' || (!!init && init.namedChildren.length === 0);
}

/**
 * `return null;` or `return new X509Certificate[0];` / `new X509Certificate[] {}` as the whole body, or the
 * name of a final field of the file initialised so (`return EMPTY_X509_CERTIFICATES;`).
 */
function returnsNoIssuers(method: Node): boolean {
  const body = method.childForFieldName('body');
  const statements = body?.namedChildren.filter(
    (s): s is Node => !!s && s.type !== 'line_comment' && s.type !== 'block_comment',
  );
  if (statements?.length !== 1 || statements[0].type !== 'return_statement') return false;
  const value = statements[0].namedChildren[0];
  if (value?.type !== 'identifier') return isNoIssuers(value);
  const fields = method.tree.rootNode
    .descendantsOfType('field_declaration')
    .filter((f): f is Node => !!f && /\bfinal\b/.test(f.namedChildren.find((c) => c?.type === 'modifiers')?.text ?? ''))
    .flatMap((f) => f.namedChildren.filter((d): d is Node => d?.type === 'variable_declarator'))
    .filter((d) => d.childForFieldName('name')?.text === value.text);
  return fields.length === 1 && isNoIssuers(fields[0].childForFieldName('value'));
}

/** The method from its first modifier (annotations included) to its name: where tools point. */
/** Mockito/BDDMockito stubbing calls: what their arguments build is a test double's answer. */
const STUBBING = new Set(['doAnswer', 'thenAnswer', 'thenReturn', 'doReturn', 'willReturn', 'willAnswer', 'answer']);

/**
 * A private nested class that the file only ever instantiates inside a Mockito stub (`doAnswer(m -> new
 * Recorder(...))`), or never: a test double recording what it was built with, or dead code. Nothing
 * outside the file can reach a private class, so it configures no connection.
 */
function isStubOnlyPrivateClass(file: SourceFile, cls: Node): boolean {
  if (cls.type !== 'class_declaration') return false;
  const modifiers = cls.namedChildren.find((c) => c?.type === 'modifiers')?.text ?? '';
  const name = cls.childForFieldName('name')?.text;
  if (!/\bprivate\b/.test(modifiers) || !name || file.text.includes(`${name}::new`)) return false;
  const creations = file
    .nodes('object_creation_expression')
    .filter((c) => simpleTypeName(c.childForFieldName('type')) === name);
  return creations.every((c) => {
    for (let p = c.parent; p && p.id !== cls.id; p = p.parent) {
      if (p.type === 'method_invocation' && STUBBING.has(p.childForFieldName('name')?.text ?? '')) return true;
      if (/^(method|constructor)_declaration$/.test(p.type)) return false;
    }
    return false;
  });
}

function head(method: Node): { start: number; end: number } {
  return { start: method.startIndex, end: method.childForFieldName('name')!.endIndex };
}

export const detector = defineDetector({
  id: 'java.trust-all-manager',
  summary: 'javax.net.ssl.',
  docs: `
    javax.net.ssl: an X509TrustManager (named or anonymous class) whose checkServerTrusted does nothing
    (empty, only comments, \`return;\` or logging) or swallows the CertificateException, so every
    chain is accepted; its checkClientTrusted too when the class trusts every server as well, and its
    getAcceptedIssuers when it returns null or an empty array there. Netty's
    InsecureTrustManagerFactory is the packaged form of the same thing. A private nested class the file
    only instantiates inside a Mockito stub (\`doAnswer(m -> new Recorder(...))\`), or never, is a test
    double or dead code and is not reported.
  `,
  rule: 'cert-verification-disabled',
  languages: ['java'],
  apis: [...TRUST_ALL_APIS],
  tokens: [...TRUST_ALL_TOKENS],
  fixAvailability: 'none',
  detect(file, report) {
    reportTrustAllManagers(
      classesImplementing(file, TRUST_MANAGERS).filter((c) => !isStubOnlyPrivateClass(file, c.node)),
      { methodsNamed, acceptsAll: acceptsEveryChain, returnsNoIssuers, head },
      report,
    );
    for (const call of file.nodes('method_invocation')) {
      const nameNode = call.childForFieldName('name');
      const at = { start: nameNode?.startIndex ?? call.startIndex, end: call.endIndex };
      reportInsecureCall(nameNode?.text, simpleTypeName(call.childForFieldName('object')), at, report);
    }
    for (const fa of file.nodes('field_access')) {
      if (fa.childForFieldName('field')?.text !== 'INSTANCE') continue;
      if (simpleTypeName(fa.childForFieldName('object')) !== 'InsecureTrustManagerFactory') continue;
      reportInsecureFactoryInstance(fa, report);
    }
    // Last, so a construction reported above for what it is (`new NoopHostnameVerifier()`) keeps that report.
    // An instance of such a class, here or in another file, handed to TLS by its class name.
    for (const r of trustUseReports(file, 'trusts-any-chain')) report(r);
  },
  examples: {
    java: {
      bad: `
        import java.security.cert.X509Certificate;
        import javax.net.ssl.X509TrustManager;

        class TrustAll implements X509TrustManager {
          public void checkServerTrusted(X509Certificate[] chain, String authType) {}
          public void checkClientTrusted(X509Certificate[] chain, String authType) { throw new UnsupportedOperationException(); }
          public X509Certificate[] getAcceptedIssuers() { throw new UnsupportedOperationException(); }
        }
      `,
      good: `
        import java.security.cert.CertificateException;
        import java.security.cert.X509Certificate;
        import javax.net.ssl.X509TrustManager;

        class Delegating implements X509TrustManager {
          private final X509TrustManager delegate;
          Delegating(X509TrustManager d) { delegate = d; }
          public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException { delegate.checkServerTrusted(chain, authType); }
          public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException { delegate.checkClientTrusted(chain, authType); }
          public X509Certificate[] getAcceptedIssuers() { return delegate.getAcceptedIssuers(); }
        }
      `,
    },
  },
});
