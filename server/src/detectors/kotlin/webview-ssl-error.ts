import type { Node } from 'web-tree-sitter';
import { callOf, childOfType, declaredName, named } from '../../engine/languages/kotlin';
import { defineDetector } from '../../engine/detector';
import { cancelFix, handlerParameter, proceedsAfterCertificateCheck, reportProceed } from '../jvm/support/webview';

export const detector = defineDetector<{ name: Node }>({
  id: 'kotlin.webview-ssl-error',
  summary: 'Android in Kotlin.',
  docs: `
    Android in Kotlin: a WebViewClient.onReceivedSslError override that calls \`handler.proceed()\`
    (or \`handler?.proceed()\`), loading the page despite the certificate error, unless the app has
    checked the certificate itself first (a branch or early return on the certificate, not on the error kind). The fix cancels
    instead, as the default implementation does; it changes what users see, so it is for review.
  `,
  rule: 'cert-verification-disabled',
  languages: ['kotlin'],
  apis: ['android.webkit.WebViewClient.onReceivedSslError', 'android.webkit.SslErrorHandler.proceed'],
  tokens: ['onReceivedSslError'],
  fixAvailability: 'always',
  detect(file, report) {
    for (const fn of file.nodes('function_declaration')) {
      if (declaredName(fn) !== 'onReceivedSslError') continue;
      const params = named(childOfType(fn, 'function_value_parameters')).filter((p) => p.type === 'parameter');
      const handler = declaredName(handlerParameter(params, (p) => named(p)[1]?.text) ?? fn);
      const body = childOfType(fn, 'function_body');
      if (!handler || !body) continue;
      for (const node of body.descendantsOfType('call_expression')) {
        const c = node ? callOf(node) : undefined;
        if (!c || c.name !== 'proceed' || c.receiver?.text !== handler || c.args.length !== 0) continue;
        if (proceedsAfterCertificateCheck(c.node, body)) continue;
        const callee = named(c.node)[0];
        const name = named(callee)[named(callee).length - 1];
        reportProceed(c.node, name, report);
      }
    }
  },
  fix(_file, r) {
    return cancelFix(r.state.name);
  },
  examples: {
    kotlin: {
      bad: `
        import android.net.http.SslError
        import android.webkit.*

        class Client : WebViewClient() {
            override fun onReceivedSslError(view: WebView?, handler: SslErrorHandler?, error: SslError?) {
                handler?.proceed()
            }
        }
      `,
      good: `
        import android.net.http.SslError
        import android.webkit.*

        class Client : WebViewClient() {
            override fun onReceivedSslError(view: WebView?, handler: SslErrorHandler?, error: SslError?) {
                handler?.cancel()
            }
        }
      `,
    },
  },
});
