// rustls verifiers that accept every server certificate: an `impl ServerCertVerifier for X` whose
// `verify_server_cert` returns `Ok(ServerCertVerified::assertion())` whatever it is given, as plugged in
// through `.dangerous().set_certificate_verifier(...)` or `.with_custom_certificate_verifier(...)`.
import type { Node } from 'web-tree-sitter';
import type { Detector } from '../../engine/types';

const ASSERTION = /^Ok\s*\(\s*(?:[\w:]+::)?ServerCertVerified::assertion\s*\(\s*\)\s*\)$/;

/** Whether a block yields `Ok(ServerCertVerified::assertion())` with no branch, `?` or early return. */
function unconditional(body: Node): boolean {
  const stmts = body.namedChildren.filter((c): c is Node => !!c && !c.type.endsWith('comment'));
  if (stmts.length === 0) return false;
  const last = stmts[stmts.length - 1];
  const value = last.type === 'expression_statement' ? last.namedChildren[0] : last;
  const ret = value?.type === 'return_expression' ? value.namedChildren[0] : value;
  if (!ret || !ASSERTION.test(ret.text.replace(/\s+/g, ''))) return false;
  // Anything that could fail or branch before it means there is a real check.
  return body.descendantsOfType(['if_expression', 'match_expression', 'try_expression', 'return_expression']).filter((n) => n && n.id !== value?.id).length === 0;
}

export const detector: Detector = {
  id: 'rust.rustls-dangerous-verifier',
  rule: 'cert-verification-disabled',
  languages: ['rust'],
  apis: ['rustls::client::danger::ServerCertVerifier', 'rustls::client::ServerCertVerifier', 'ClientConfig::dangerous().set_certificate_verifier', 'with_custom_certificate_verifier'],
  tokens: ['ServerCertVerifier'],
  fixAvailability: 'none',
  detect(file, report) {
    for (const impl of file.nodes('impl_item')) {
      const trait = impl.childForFieldName('trait');
      if (!trait || !/(^|::)ServerCertVerifier$/.test(trait.text)) continue;
      for (const fn of impl.childForFieldName('body')?.namedChildren ?? []) {
        if (fn?.type !== 'function_item' || fn.childForFieldName('name')?.text !== 'verify_server_cert') continue;
        const body = fn.childForFieldName('body');
        if (body && unconditional(body)) {
          report({ node: fn.childForFieldName('name')!, message: `\`${impl.childForFieldName('type')?.text ?? 'This'}::verify_server_cert\` accepts every certificate: the server is not authenticated.` });
        }
      }
    }
  },
  examples: {
    bad:
      'use rustls::client::danger::{ServerCertVerified, ServerCertVerifier};\nstruct NoVerify;\nimpl ServerCertVerifier for NoVerify {\n    fn verify_server_cert(&self, _e: &CertificateDer<\'_>, _i: &[CertificateDer<\'_>], _s: &ServerName<\'_>, _o: &[u8], _n: UnixTime) -> Result<ServerCertVerified, Error> {\n        Ok(ServerCertVerified::assertion())\n    }\n}\n',
    good: 'use rustls::ClientConfig;\nfn f(roots: rustls::RootCertStore) -> ClientConfig {\n    ClientConfig::builder().with_root_certificates(roots).with_no_client_auth()\n}\n',
  },
};
