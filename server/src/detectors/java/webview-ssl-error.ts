// Android: a WebViewClient.onReceivedSslError override that calls `handler.proceed()`, loading
// the page despite the certificate error. The fix cancels instead (what the default implementation
// does); it changes what users see, so it is offered for review.
import type { Node } from 'web-tree-sitter';
import { invocation } from '../../engine/languages/java';
import { defineDetector } from '../../engine/detector';

export const detector = defineDetector<{ name: Node }>({
  id: 'java.webview-ssl-error',
  rule: 'cert-verification-disabled',
  languages: ['java'],
  apis: ['android.webkit.WebViewClient.onReceivedSslError', 'android.webkit.SslErrorHandler.proceed'],
  tokens: ['onReceivedSslError'],
  fixAvailability: 'always',
  detect(file, report) {
    for (const m of file.nodes('method_declaration')) {
      if (m.childForFieldName('name')?.text !== 'onReceivedSslError') continue;
      const params = (m.childForFieldName('parameters')?.namedChildren ?? []).filter(
        (p): p is Node => p?.type === 'formal_parameter',
      );
      const handler =
        params.find((p) => /SslErrorHandler$/.test(p.childForFieldName('type')?.text ?? ''))?.childForFieldName('name')
          ?.text ?? params[1]?.childForFieldName('name')?.text;
      if (!handler) continue;
      const body = m.childForFieldName('body');
      for (const call of body?.descendantsOfType('method_invocation') ?? []) {
        if (!call) continue;
        const { name, object, args } = invocation(call);
        if (name !== 'proceed' || object !== handler || args.length !== 0) continue;
        report({
          node: call,
          message: '`SslErrorHandler.proceed()` in `onReceivedSslError` loads the page despite the certificate error.',
          state: { name: call.childForFieldName('name')! },
        });
      }
    }
  },
  fix(_file, r) {
    const name = r.state.name;
    return {
      title: 'Cancel the load on certificate errors (`handler.cancel()`)',
      safety: 'unsafe',
      edits: [{ start: name.startIndex, end: name.endIndex, newText: 'cancel' }],
    };
  },
  examples: {
    bad:
      'import android.net.http.SslError;\nimport android.webkit.*;\n\nclass Client extends WebViewClient {\n  @Override\n' +
      '  public void onReceivedSslError(WebView view, SslErrorHandler handler, SslError error) {\n    handler.proceed();\n  }\n}\n',
    good:
      'import android.net.http.SslError;\nimport android.webkit.*;\n\nclass Client extends WebViewClient {\n  @Override\n' +
      '  public void onReceivedSslError(WebView view, SslErrorHandler handler, SslError error) {\n    handler.cancel();\n  }\n}\n',
  },
});
