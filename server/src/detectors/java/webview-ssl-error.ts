import type { Node } from 'web-tree-sitter';
import { invocation } from '../../engine/languages/java';
import { defineDetector } from '../../engine/detector';
import { cancelFix, handlerParameter, proceedsAfterCertificateCheck, reportProceed } from '../jvm/support/webview';

export const detector = defineDetector<{ name: Node }>({
  id: 'java.webview-ssl-error',
  summary: 'Android.',
  docs: `
    Android: a WebViewClient.onReceivedSslError override that calls \`handler.proceed()\`, loading
    the page despite the certificate error, unless the app has checked the certificate itself first
    (a branch or early return on the certificate, not on the error kind). The fix cancels instead (what the default implementation
    does); it changes what users see, so it is offered for review.
  `,
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
      const param = handlerParameter(params, (p) => p.childForFieldName('type')?.text);
      const handler = param?.childForFieldName('name')?.text;
      if (!handler) continue;
      const body = m.childForFieldName('body');
      for (const call of body?.descendantsOfType('method_invocation') ?? []) {
        if (!call) continue;
        const { name, object, args } = invocation(call);
        if (name !== 'proceed' || object !== handler || args.length !== 0) continue;
        if (body && proceedsAfterCertificateCheck(call, body)) continue;
        reportProceed(call, call.childForFieldName('name')!, report);
      }
    }
  },
  fix(_file, r) {
    return cancelFix(r.state.name);
  },
  examples: {
    java: {
      bad: `
        import android.net.http.SslError;
        import android.webkit.*;

        class Client extends WebViewClient {
          @Override
          public void onReceivedSslError(WebView view, SslErrorHandler handler, SslError error) {
            handler.proceed();
          }
        }
      `,
      good: `
        import android.net.http.SslError;
        import android.webkit.*;

        class Client extends WebViewClient {
          @Override
          public void onReceivedSslError(WebView view, SslErrorHandler handler, SslError error) {
            handler.cancel();
          }
        }
      `,
    },
  },
});
