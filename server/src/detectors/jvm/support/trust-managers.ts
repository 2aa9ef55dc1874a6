// Shared by the Java and Kotlin trust-all-manager detectors: what a trust manager that accepts every
// chain is reported as, and the packaged insecure factories. Each grammar supplies how it finds a
// class's methods and what "does nothing" looks like in it.
import type { Node } from 'web-tree-sitter';
import { implementsCheck, type ImplementingClass } from '../../../engine/jsse';
import { TRUST_USE_TOKENS } from '../../../engine/jvm-trust';
import type { Range } from '../../../engine/types';

/** What the shared checks report: a range or a node, and the message. */
export type Emit = (r: { range?: Range; node?: Node; message: string }) => void;

/** The grammar-specific parts of the trust-manager check. */
export interface TrustManagerGrammar {
  /** The methods (functions) of a class body with this name. */
  methodsNamed(body: Node, name: string): Node[];
  /** Whether a `check*Trusted` method accepts every chain (does nothing, or swallows the failure). */
  acceptsAll(method: Node): boolean;
  /** Whether `getAcceptedIssuers` returns null or an empty array. */
  returnsNoIssuers(method: Node): boolean;
  /** Where a method is reported: from its start to its name. */
  head(method: Node): Range;
}

/** The APIs both detectors look at, for docs. */
export const TRUST_ALL_APIS: readonly string[] = [
  'javax.net.ssl.X509TrustManager',
  'javax.net.ssl.X509ExtendedTrustManager',
  'io.netty.handler.ssl.util.InsecureTrustManagerFactory',
  'android.net.SSLCertificateSocketFactory.getInsecure',
  'okhttp3.tls.HandshakeCertificates.Builder.addInsecureHost',
];

/** The pre-filter tokens of both detectors. */
export const TRUST_ALL_TOKENS: readonly string[] = [
  ...new Set(['TrustManager', 'getInsecure', 'addInsecureHost', ...TRUST_USE_TOKENS['trusts-any-chain']]),
];

/**
 * Reports each `checkServerTrusted` that accepts every chain; when all of a class's do, also its
 * lax `checkClientTrusted` and a `getAcceptedIssuers` that names no issuer.
 */
export function reportTrustAllManagers(
  classes: readonly ImplementingClass[],
  grammar: TrustManagerGrammar,
  report: Emit,
): void {
  const g = { ...grammar, head: (m: Node) => pastAnnotations(m, grammar.head(m)) };
  for (const cls of classes) {
    // Overloads that only call another overload (`checkServerTrusted(chain, s, socket)` ->
    // `checkServerTrusted(chain, s)`) accept what it accepts; they are not reported themselves.
    const server = g
      .methodsNamed(cls.body, 'checkServerTrusted')
      .filter((m) => implementsCheck(m) && !delegatesToOverload(m));
    const lax = server.filter((m) => g.acceptsAll(m));
    for (const m of lax) {
      report({
        range: g.head(m),
        message: `\`${cls.supertype}.checkServerTrusted\` accepts every certificate chain: the server is not authenticated.`,
      });
    }
    // An empty checkClientTrusted is common in client-only managers; it matters when the class trusts everything.
    if (lax.length === 0 || lax.length !== server.length) continue;
    for (const m of g
      .methodsNamed(cls.body, 'checkClientTrusted')
      .filter((f) => implementsCheck(f) && g.acceptsAll(f))) {
      report({
        range: g.head(m),
        message: `\`${cls.supertype}.checkClientTrusted\` accepts every certificate chain: clients are not authenticated.`,
      });
    }
    // The third method of the same accept-everything idiom (Find Security Bugs and Semgrep report each).
    for (const m of g.methodsNamed(cls.body, 'getAcceptedIssuers').filter((f) => g.returnsNoIssuers(f))) {
      report({
        range: g.head(m),
        message: `\`${cls.supertype}.getAcceptedIssuers\` names no trusted issuer in a trust manager that accepts every certificate chain.`,
      });
    }
  }
}

/** Whether a method's whole body is a call of its own name on `this` (or nothing): an overload's delegation. */
function delegatesToOverload(method: Node): boolean {
  const name = method.namedChildren.find((c) => c?.type === 'identifier' || c?.type === 'simple_identifier')?.text;
  const body = method.namedChildren[method.namedChildCount - 1];
  if (!name || !body) return false;
  const text = body.text
    .replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, '')
    .replace(/\s+/g, '')
    .replace(/^=|^\{|\}$/g, '')
    .replace(/^return/, '');
  return new RegExp(`^(this\\.)?${name}\\([\\w,.]*\\);?$`).test(text);
}

/**
 * A method's range without its leading annotations and comments (`@Override`, `@Suppress(...)`), so the
 * finding's line is the method's own, as the rule places it ("the method name").
 */
function pastAnnotations(method: Node, at: Range): Range {
  for (const c of method.children) {
    if (!c) continue;
    if (c.type !== 'modifiers')
      return c.startIndex < at.end ? { start: Math.max(at.start, c.startIndex), end: at.end } : at;
    const kept = c.children.find((m) => !!m && !/annotation|comment/.test(m.type));
    if (kept) return { start: Math.max(at.start, kept.startIndex), end: at.end };
  }
  return at;
}

/**
 * Android's `SSLCertificateSocketFactory.getInsecure(...)` and OkHttp's
 * `HandshakeCertificates.Builder.addInsecureHost(...)`, given a call's method name, its receiver's
 * simple name and where to report (from the method name: in a builder chain the call starts at the
 * chain's start).
 */
export function reportInsecureCall(
  name: string | undefined,
  receiver: string | undefined,
  at: Range,
  report: Emit,
): void {
  if (name === 'getInsecure' && receiver === 'SSLCertificateSocketFactory') {
    report({
      range: at,
      message: '`SSLCertificateSocketFactory.getInsecure` returns a socket factory that accepts every certificate.',
    });
  } else if (name === 'addInsecureHost') {
    report({
      range: at,
      message: '`HandshakeCertificates.Builder.addInsecureHost` accepts every certificate from that host.',
    });
  }
}

/** Netty's `InsecureTrustManagerFactory.INSTANCE`, given the node that reads it. */
export function reportInsecureFactoryInstance(node: Node, report: Emit): void {
  report({ node, message: '`InsecureTrustManagerFactory.INSTANCE` trusts every certificate without verification.' });
}
