import type { Node } from 'web-tree-sitter';
import { callsNamed } from '../../engine/languages/c';
import { defineDetector } from '../../engine/detector';
import type { SourceFile } from '../../engine/types';
import { asioContextMethods } from './support/asio';
import { insertionAfter } from './support/method-fix';

const FLEXIBLE = /^(tls|sslv23)(_client|_server)?$/;

interface State {
  constant: Node;
  openVersions: boolean;
  noVerify: boolean;
}

/** The variable a declaration like `ssl::context ctx(ssl::context::tls_client);` declares, and that declaration. */
function declared(constant: Node): { name: string; stmt: Node } | undefined {
  let n: Node | null = constant.parent;
  while (n && n.type !== 'declaration' && !n.type.endsWith('_statement')) n = n.parent;
  // Only a context held by value (`ssl::context ctx(...)`): `auto ctx = std::make_shared<...>` would need `->`.
  if (n?.type !== 'declaration' || !/(^|::)context$/.test(n.childForFieldName('type')?.text.replace(/\s+/g, '') ?? ''))
    return undefined;
  let d = n.childForFieldName('declarator');
  while (d && d.type !== 'identifier') d = d.childForFieldName('declarator');
  return d ? { name: d.text, stmt: n } : undefined;
}

function hasCall(file: SourceFile, names: string[], argText?: RegExp): boolean {
  return callsNamed(file, names).some((c) => !argText || argText.test(c.childForFieldName('arguments')?.text ?? ''));
}

export const detector = defineDetector<State>({
  id: 'c.asio-context-defaults',
  summary:
    'Boost.Asio `ssl::context` built with a negotiating method (`tls`, `tls_client`, `sslv23`...) and nothing in sight that tightens it.',
  docs: `
    Boost.Asio \`ssl::context\` built with a negotiating method (\`tls\`, \`tls_client\`, \`sslv23\`...) and nothing
    in sight that tightens it: no \`set_options(no_tlsv1 | no_tlsv1_1)\` (or minimum version) leaves TLS 1.0/1.1
    enabled, and a client context without \`set_verify_mode\` keeps Asio's default \`verify_none\`.
  `,
  rule: 'insecure-default-context',
  languages: ['cpp'],
  apis: [
    'boost::asio::ssl::context::tls_client',
    'boost::asio::ssl::context::sslv23',
    'boost::asio::ssl::context::set_options',
    'boost::asio::ssl::context::set_verify_mode',
  ],
  tokens: ['context::tls', 'context::sslv23'],
  fixAvailability: 'sometimes',
  detect(file, report) {
    // Both flags must be set somewhere (in one call or several), as CodeQL's cpp/boost/tls-settings-misconfiguration asks.
    const options = callsNamed(file, ['set_options', 'SSL_CTX_set_options'])
      .map((c) => c.childForFieldName('arguments')?.text ?? '')
      .join(' ');
    const versionsClosed =
      (/(no_tlsv1|NO_TLSv1)(?!_)/.test(options) && /no_tlsv1_1|NO_TLSv1_1/.test(options)) ||
      hasCall(file, ['SSL_CTX_set_min_proto_version', 'SSL_set_min_proto_version']);
    const verifies = hasCall(file, ['set_verify_mode', 'SSL_CTX_set_verify', 'SSL_set_verify']);
    for (const { node: q, method } of asioContextMethods(file)) {
      const m = FLEXIBLE.exec(method);
      if (!m) continue;
      const client = m[2] === '_client';
      const openVersions = !versionsClosed;
      const noVerify = client && !verifies;
      if (!openVersions && !noVerify) continue;
      const what = [
        openVersions ? 'TLS 1.0 and 1.1 stay enabled (no `set_options(no_tlsv1 | no_tlsv1_1)`)' : '',
        noVerify ? "the server is not verified (no `set_verify_mode`, so Asio's default `verify_none` holds)" : '',
      ]
        .filter(Boolean)
        .join(', and ');
      report({
        node: q,
        message: `\`ssl::context::${method}\` is used with its defaults: ${what}.`,
        state: { constant: q, openVersions, noVerify },
      });
    }
  },
  fix(file, r) {
    const s = r.state;
    const decl = declared(s.constant);
    const where = decl ? insertionAfter(file, decl.stmt, decl.name) : undefined;
    if (!decl || !where) return undefined;
    const text = s.constant.text.replace(/\s+/g, '');
    const contextNs = text.slice(0, text.lastIndexOf('::') + 2); // e.g. ssl::context::
    const sslNs = contextNs.replace(/context::$/, ''); // e.g. ssl::
    const lines: string[] = [];
    if (s.openVersions) lines.push(`${decl.name}.set_options(${contextNs}no_tlsv1 | ${contextNs}no_tlsv1_1);`);
    if (s.noVerify)
      lines.push(`${decl.name}.set_verify_mode(${sslNs}verify_peer);`, `${decl.name}.set_default_verify_paths();`);
    return {
      title: s.noVerify
        ? 'Disable TLS 1.0/1.1 and verify the server (also set the host name with `ssl::host_name_verification`)'
        : 'Disable TLS 1.0 and 1.1 (`set_options(no_tlsv1 | no_tlsv1_1)`)',
      safety: s.noVerify ? 'unsafe' : 'safe',
      edits: [
        { start: where.at, end: where.at, newText: lines.map((l) => `${where.eol}${where.indent}${l}`).join('') },
      ],
    };
  },
  examples: {
    cpp: {
      bad: `
        #include <boost/asio/ssl.hpp>
        void f() {
            boost::asio::ssl::context ctx(boost::asio::ssl::context::tls_server);
        }
      `,
      good: `
        #include <boost/asio/ssl.hpp>
        void f() {
            boost::asio::ssl::context ctx(boost::asio::ssl::context::tls_server);
            ctx.set_options(boost::asio::ssl::context::no_tlsv1 | boost::asio::ssl::context::no_tlsv1_1);
        }
      `,
    },
  },
});
