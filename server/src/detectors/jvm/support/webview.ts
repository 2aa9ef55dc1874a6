// Shared by the Java and Kotlin webview-ssl-error detectors: which parameter of
// `onReceivedSslError` is the handler, the report of its `proceed()`, and the fix that cancels instead.
import type { Node } from 'web-tree-sitter';
import type { Fix, Range } from '../../../engine/types';

/**
 * The `SslErrorHandler` parameter of `onReceivedSslError(view, handler, error)`: the one typed so
 * (nullable in Kotlin), else the second.
 */
export function handlerParameter(params: Node[], typeText: (p: Node) => string | undefined): Node | undefined {
  return params.find((p) => /SslErrorHandler\??$/.test(typeText(p) ?? '')) ?? params[1];
}

/** Reports `handler.proceed()`; `name` is the `proceed` identifier the fix renames. */
export function reportProceed(
  call: Node,
  name: Node,
  report: (r: { node?: Node; range?: Range; message: string; state: { name: Node } }) => void,
): void {
  report({
    node: call,
    message: '`SslErrorHandler.proceed()` in `onReceivedSslError` loads the page despite the certificate error.',
    state: { name },
  });
}

/** `handler.proceed()` becomes `handler.cancel()`, what the default implementation does. */
export function cancelFix(name: Node): Fix {
  return {
    title: 'Cancel the load on certificate errors (`handler.cancel()`)',
    safety: 'unsafe',
    edits: [{ start: name.startIndex, end: name.endIndex, newText: 'cancel' }],
  };
}

/** A condition that reads the certificate itself: the app judges it (validity, pinning), not the error kind. */
const CERTIFICATE_CHECK = /certificat|fingerprint|\bpin(?:s|ned|ning)?\b|pinner/i;

/** The condition of a branching node (Java `if`/ternary, Kotlin `if`/`when` entry), if it is one. */
function conditionOf(node: Node): Node | undefined {
  switch (node.type) {
    case 'if_statement':
    case 'ternary_expression':
      return node.childForFieldName('condition') ?? undefined;
    // Java names it; Kotlin's comes first.
    case 'while_statement':
      return node.childForFieldName('condition') ?? node.namedChildren[0] ?? undefined;
    case 'if_expression':
    case 'when_entry':
      return node.namedChildren[0] ?? undefined;
    default:
      return undefined;
  }
}

/**
 * Whether `proceed()` runs only once the app has checked the certificate itself: inside a branch whose
 * condition reads it (`if (isServerCertificateValid(error.certificate)) handler.proceed()`), or after an
 * early return that does (`val cert = error.validCertificateOrNull() ?: return`). A branch on the kind
 * of error (`error.primaryError == SslError.SSL_UNTRUSTED`) is no such check.
 */
export function proceedsAfterCertificateCheck(call: Node, body: Node): boolean {
  for (let n: Node | null = call; n && n.id !== body.id; n = n.parent) {
    const parent = n.parent;
    if (!parent) break;
    const condition = conditionOf(parent);
    if (condition && condition.id !== n.id && CERTIFICATE_CHECK.test(condition.text)) return true;
    // Statements before this one in the same block: an early return guarded by a certificate check.
    for (const sibling of parent.namedChildren) {
      if (!sibling || sibling.startIndex >= n.startIndex) break;
      if (/\breturn\b/.test(sibling.text) && CERTIFICATE_CHECK.test(sibling.text)) return true;
    }
  }
  return false;
}
