import type { Node } from 'web-tree-sitter';
import { defineDetector } from '../../engine/detector';
import { namedForHostnameOnly, pluggedVerifiers, verifierImpls, verifyServerCertFns } from './support/verifiers';

/** The parameter of `verify_server_cert` that carries the server name, when the body never reads it. */
function unusedServerName(fn: Node): Node | undefined {
  const params = fn.childForFieldName('parameters');
  const body = fn.childForFieldName('body');
  if (!params || !body) return undefined;
  for (const p of params.namedChildren) {
    if (p?.type !== 'parameter' || !/\bServerName\b/.test(p.childForFieldName('type')?.text ?? '')) continue;
    const pattern = p.childForFieldName('pattern');
    if (!pattern) return undefined;
    if (pattern.text.startsWith('_')) return pattern;
    const used = body.descendantsOfType('identifier').some((id) => id?.text === pattern.text);
    return used ? undefined : pattern;
  }
  return undefined;
}

/** Whether a body checks the chain: a call to a chain verifier, whose failure returns early through `?`. */
function verifiesChain(body: Node): boolean {
  return (
    /\b(verify_server_cert_signed_by_trust_anchor|verify_for_usage|verify_is_valid_tls_server_cert|verify_server_cert)\s*\(/.test(
      body.text,
    ) && body.descendantsOfType('try_expression').length > 0
  );
}

/**
 * Whether a body turns the name-mismatch error of the verifier it delegates to into success
 * (`.or_else(|e| if is_name_error(&e) { Ok(ServerCertVerified::assertion()) } else { Err(e) })`): the
 * `NotValidForName` match may sit in the body or in a function of this file it calls.
 */
function forgivesNameError(file: Parameters<typeof verifyServerCertFns>[0], body: Node): boolean {
  if (!/\bassertion\s*\(\s*\)/.test(body.text)) return false;
  if (/\bNotValidForName/.test(body.text)) return true;
  const helpers = new Set(
    file
      .nodes('function_item')
      .filter((f) => /\bNotValidForName/.test(f.text))
      .map((f) => f.childForFieldName('name')?.text),
  );
  return body.descendantsOfType('call_expression').some((c) => helpers.has(c?.childForFieldName('function')?.text));
}

export const detector = defineDetector({
  id: 'rust.rustls-hostname-verifier',
  summary: 'rustls verifiers that check the chain but not the server name.',
  docs: `
    rustls verifiers that check the certificate chain but never the server name: an
    \`impl ServerCertVerifier for X\` whose \`verify_server_cert\` verifies the chain against the roots
    (\`verify_server_cert_signed_by_trust_anchor\`, webpki's \`verify_for_usage\`) and never reads its
    \`server_name\` parameter; and a verifier defined in another file, named for skipping the host name
    (\`IgnoreHostname\`, \`NoHostnameVerification\`), plugged in through \`.dangerous()\`; and a verifier
    that delegates but turns the \`NotValidForName\` error into success. Any certificate the roots signed,
    for any host, is then accepted.
  `,
  rule: 'hostname-verification-disabled',
  languages: ['rust'],
  apis: ['rustls::client::danger::ServerCertVerifier', 'with_custom_certificate_verifier', 'set_certificate_verifier'],
  tokens: ['ServerCertVerifier', 'set_certificate_verifier', 'with_custom_certificate_verifier'],
  fixAvailability: 'none',
  detect(file, report) {
    for (const { type, fn } of verifyServerCertFns(file)) {
      const body = fn.childForFieldName('body');
      if (body && forgivesNameError(file, body)) {
        report({
          node: fn.childForFieldName('name')!,
          message: `\`${type}::verify_server_cert\` accepts a certificate that does not match the server name: a certificate for any host is accepted.`,
        });
        continue;
      }
      if (!body || !verifiesChain(body) || !unusedServerName(fn)) continue;
      report({
        node: fn.childForFieldName('name')!,
        message: `\`${type}::verify_server_cert\` verifies the certificate chain but never its server name: a certificate for any host is accepted.`,
      });
    }
    const impls = verifierImpls(file);
    for (const { name, field, types } of pluggedVerifiers(file)) {
      const type = types.map((t) => t[t.length - 1] ?? '').find((t) => !impls.has(t) && namedForHostnameOnly(t));
      if (!type) continue;
      report({
        node: field,
        message: `\`${name}\` plugs in \`${type}\`, a verifier named for skipping the host-name check: a certificate for any host is accepted.`,
      });
    }
  },
  examples: {
    rust: {
      bad: `
        impl ServerCertVerifier for IgnoreHostname {
            fn verify_server_cert(&self, end_entity: &CertificateDer<'_>, intermediates: &[CertificateDer<'_>], _server_name: &ServerName<'_>, _ocsp: &[u8], now: UnixTime) -> Result<ServerCertVerified, Error> {
                let cert = ParsedCertificate::try_from(end_entity)?;
                rustls::client::verify_server_cert_signed_by_trust_anchor(&cert, &self.roots, intermediates, now, self.algs.all)?;
                Ok(ServerCertVerified::assertion())
            }
        }
      `,
      good: `
        impl ServerCertVerifier for Pinned {
            fn verify_server_cert(&self, end_entity: &CertificateDer<'_>, intermediates: &[CertificateDer<'_>], server_name: &ServerName<'_>, ocsp: &[u8], now: UnixTime) -> Result<ServerCertVerified, Error> {
                self.inner.verify_server_cert(end_entity, intermediates, server_name, ocsp, now)
            }
        }
      `,
    },
  },
});
