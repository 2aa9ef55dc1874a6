import type { Node } from 'web-tree-sitter';
import {
  importsOf,
  insideClassNamed,
  invocation,
  isTrueLambda,
  simpleTypeName,
  underOptInGuard,
} from '../../engine/languages/java';
import { TRUST_USE_TOKENS, trustClasses } from '../../engine/jvm-trust';
import { defineDetector } from '../../engine/detector';
import { trustUseReports } from '../jvm/support/trust-uses';
import type { Fix, SourceFile } from '../../engine/types';

const SETTERS = ['setHostnameVerifier', 'setDefaultHostnameVerifier', 'hostnameVerifier', 'setSSLHostnameVerifier'];
const NOOP_TYPES = ['NoopHostnameVerifier', 'AllowAllHostnameVerifier'];
const ALLOW_ALL = 'ALLOW_ALL_HOSTNAME_VERIFIER';

/** The names of a lambda's parameters (`(a, b) ->`, `(String a, SSLSession b) ->`, `x ->`). */
function lambdaParameterNames(lambda: Node): string[] {
  const params = lambda.childForFieldName('parameters');
  if (!params) return [];
  if (params.type === 'identifier') return [params.text];
  return params.namedChildren
    .filter((p): p is Node => !!p)
    .map((p) => (p.type === 'identifier' ? p.text : (p.childForFieldName('name')?.text ?? p.text)));
}

/**
 * Whether the file imports `javax.net.ssl.HostnameVerifier` (or the whole package). `SSLSession` alone is
 * no sign: an `HttpResponse` implementation imports it beside `HttpHeaders.of(map, (name, value) -> true)`.
 */
function importsHostnameVerifier(file: SourceFile): boolean {
  const { names, wildcards } = importsOf(file);
  return wildcards.includes('javax.net.ssl') || names.get('HostnameVerifier') === 'javax.net.ssl.HostnameVerifier';
}

type State = { kind: 'noop'; node: Node; type: string } | { kind: 'allow-all'; name: Node } | { kind: 'other' };

/** The package NoopHostnameVerifier is imported from (`org.apache.http.conn.ssl`, `org.apache.hc.client5.http.ssl`). */
function importedPackage(file: SourceFile, simple: string): { pkg: string; wildcard: boolean } | undefined {
  for (const imp of file.nodes('import_declaration')) {
    const t = imp.text
      .replace(/^import\s+(static\s+)?/, '')
      .replace(/;\s*$/, '')
      .replace(/\s+/g, '');
    if (t.endsWith(`.${simple}`)) return { pkg: t.slice(0, -simple.length - 1), wildcard: false };
    if (t.endsWith('.*') && /\.ssl\.\*$/.test(t) && /org\.apache\.(http\.conn|hc\.client5\.http)\.ssl/.test(t))
      return { pkg: t.slice(0, -2), wildcard: true };
  }
  return undefined;
}

export const detector = defineDetector<State>({
  id: 'java.hostname-verifier',
  summary: 'javax.net.ssl.HostnameVerifier that accepts every name.',
  docs: `
    javax.net.ssl.HostnameVerifier that accepts every name: a class or anonymous class whose verify
    returns true, a \`(hostname, session) -> true\` lambda given to setHostnameVerifier /
    setDefaultHostnameVerifier / OkHttp's hostnameVerifier / HttpClient's setSSLHostnameVerifier, and
    Apache HttpClient's NoopHostnameVerifier, AllowAllHostnameVerifier and ALLOW_ALL_HOSTNAME_VERIFIER.
  `,
  rule: 'hostname-verification-disabled',
  languages: ['java'],
  apis: [
    'javax.net.ssl.HostnameVerifier',
    'javax.net.ssl.HttpsURLConnection.setDefaultHostnameVerifier',
    'okhttp3.OkHttpClient.Builder.hostnameVerifier',
    'org.apache.http.conn.ssl.NoopHostnameVerifier',
    'org.apache.http.conn.ssl.AllowAllHostnameVerifier',
    'org.apache.http.conn.ssl.SSLConnectionSocketFactory.ALLOW_ALL_HOSTNAME_VERIFIER',
  ],
  tokens: [
    ...new Set([
      'HostnameVerifier',
      'ALLOW_ALL_HOSTNAME_VERIFIER',
      'SSLSession',
      'SSLSocketFactory',
      ...TRUST_USE_TOKENS['accepts-any-host'],
    ]),
  ],
  fixAvailability: 'sometimes',
  detect(file, reportAll) {
    // A verifier installed under an insecure-mode flag is a deliberate opt-in (as CodeQL reads it):
    // the engine reports it as one, with the flag (also one read through a local) as its related location.
    const report: typeof reportAll = (r) => {
      const flag = r.node && underOptInGuard(file, r.node);
      reportAll(flag ? { ...r, flag } : r);
    };
    const declaredHere = file.nodes('variable_declarator').some((d) => d.childForFieldName('name')?.text === ALLOW_ALL);
    for (const cls of trustClasses(file)) {
      if (cls.kind !== 'accepts-any-host') continue;
      const at = cls.node;
      const end =
        at.type === 'object_creation_expression'
          ? (at.childForFieldName('arguments') ?? at).endIndex
          : at.childForFieldName('name')!.endIndex;
      report({
        range: { start: at.startIndex, end },
        message: '`HostnameVerifier.verify` returns true: any host name is accepted for any certificate.',
        state: { kind: 'other' },
      });
    }
    for (const call of file.nodes('method_invocation')) {
      const { name, args } = invocation(call);
      if (!SETTERS.includes(name)) continue;
      for (const a of args) {
        if (isTrueLambda(a))
          report({
            node: a,
            message: `The host name verifier given to \`${name}\` returns true: any host name is accepted.`,
            state: { kind: 'other' },
          });
      }
    }
    // `(host, session) -> true` handed to a method or constructor whose parameter type is declared in
    // another file (`new DefaultClient(sslSocketFactory, (h, s) -> true)`): a two-parameter lambda that
    // returns true is read as a HostnameVerifier when the call or the file is about TLS.
    for (const lambda of file.nodes('lambda_expression')) {
      const args = lambda.parent;
      const call = args?.type === 'argument_list' ? args.parent : undefined;
      const params = call ? lambdaParameterNames(lambda) : [];
      if (!call || params.length !== 2 || !isTrueLambda(lambda)) continue;
      if (call.type === 'method_invocation' && SETTERS.includes(invocation(call).name)) continue;
      const siblings = args!.namedChildren.filter((a) => !!a && a.id !== lambda.id).map((a) => a.text);
      const callee =
        call.type === 'method_invocation'
          ? invocation(call).name
          : `new ${simpleTypeName(call.childForFieldName('type')) ?? ''}`;
      if (
        !params.some((p) => /^(host(name)?|session|ssl_?session|peerHost)$/i.test(p)) &&
        !siblings.some((t) => /ssl|tls|socketfactory|trust/i.test(t)) &&
        !/ssl|tls|verif|hostname/i.test(callee) &&
        !importsHostnameVerifier(file)
      )
        continue;
      report({
        node: lambda,
        message: `The lambda given to \`${callee}\` returns true for every host name and session: if it is a \`HostnameVerifier\`, any host name is accepted.`,
        state: { kind: 'other' },
      });
    }
    for (const decl of file.nodes('local_variable_declaration', 'field_declaration')) {
      if (simpleTypeName(decl.childForFieldName('type')) !== 'HostnameVerifier') continue;
      for (const d of decl.childrenForFieldName('declarator')) {
        const v = d?.childForFieldName('value');
        if (isTrueLambda(v))
          report({
            node: v!,
            message: 'This `HostnameVerifier` returns true: any host name is accepted.',
            state: { kind: 'other' },
          });
      }
    }
    for (const n of file.nodes('object_creation_expression', 'field_access', 'identifier')) {
      if (n.type === 'object_creation_expression') {
        const t = simpleTypeName(n.childForFieldName('type'));
        if (!t || !NOOP_TYPES.includes(t) || n.namedChildren.some((c) => c?.type === 'class_body')) continue;
        // The library's own `INSTANCE = new NoopHostnameVerifier()` defines the verifier; it installs nothing.
        if (insideClassNamed(n, t)) continue;
        report({
          node: n,
          message: `\`${t}\` accepts any host name: the certificate is not matched to the server.`,
          state: { kind: 'noop', node: n, type: t },
        });
      } else if (n.type === 'field_access') {
        const field = n.childForFieldName('field');
        const obj = simpleTypeName(n.childForFieldName('object'));
        if (field?.text === 'INSTANCE' && obj && NOOP_TYPES.includes(obj) && !insideClassNamed(n, obj)) {
          report({
            node: n,
            message: `\`${obj}.INSTANCE\` accepts any host name: the certificate is not matched to the server.`,
            state: { kind: 'noop', node: n, type: obj },
          });
        } else if (field?.text === ALLOW_ALL) {
          report({
            node: n,
            message: `\`${obj ?? 'SSLSocketFactory'}.ALLOW_ALL_HOSTNAME_VERIFIER\` accepts any host name: the certificate is not matched to the server.`,
            state: { kind: 'allow-all', name: field },
          });
        }
      } else if (
        n.text === ALLOW_ALL &&
        !declaredHere &&
        n.parent?.type !== 'field_access' &&
        n.parent?.type !== 'variable_declarator' &&
        n.parent?.type !== 'scoped_identifier'
      ) {
        // A static import: `import static ...SSLConnectionSocketFactory.ALLOW_ALL_HOSTNAME_VERIFIER;`.
        // No fix: the replacement would need its own static import.
        report({
          node: n,
          message: '`ALLOW_ALL_HOSTNAME_VERIFIER` accepts any host name: the certificate is not matched to the server.',
          state: { kind: 'other' },
        });
      }
    }
    // Last, so a construction reported above for what it is (`new NoopHostnameVerifier()`) keeps that report.
    // An instance of such a class, here or in another file, handed to TLS by its class name.
    for (const r of trustUseReports(file, 'accepts-any-host')) report({ ...r, state: { kind: 'other' } });
  },
  fix(file, r): Fix | undefined {
    const s = r.state;
    if (s.kind === 'allow-all') {
      // The same classes carry the library's default verifier beside it.
      return {
        title: 'Use the default host name verifier (`BROWSER_COMPATIBLE_HOSTNAME_VERIFIER`)',
        safety: 'safe',
        edits: [{ start: s.name.startIndex, end: s.name.endIndex, newText: 'BROWSER_COMPATIBLE_HOSTNAME_VERIFIER' }],
      };
    }
    if (s.kind === 'noop' && s.type === 'NoopHostnameVerifier') {
      // DefaultHostnameVerifier lives in NoopHostnameVerifier's package (HttpClient 4.4+ and 5).
      const imp = importedPackage(file, 'NoopHostnameVerifier');
      if (!imp) return undefined;
      const name =
        imp.wildcard || importedPackage(file, 'DefaultHostnameVerifier')
          ? 'DefaultHostnameVerifier'
          : `${imp.pkg}.DefaultHostnameVerifier`;
      return {
        title: 'Verify host names (`new DefaultHostnameVerifier()`)',
        safety: 'safe',
        edits: [{ start: s.node.startIndex, end: s.node.endIndex, newText: `new ${name}()` }],
      };
    }
    return undefined;
  },
  examples: {
    java: {
      bad: `
        import javax.net.ssl.HttpsURLConnection;

        class C {
          static void init() {
            HttpsURLConnection.setDefaultHostnameVerifier((hostname, session) -> true);
          }
        }
      `,
      good: `
        import javax.net.ssl.HttpsURLConnection;

        class C {
          static void init(HttpsURLConnection conn) {
            conn.setHostnameVerifier(HttpsURLConnection.getDefaultHostnameVerifier());
          }
        }
      `,
    },
  },
});
