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
