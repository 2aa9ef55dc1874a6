import { defineDetector } from '../../engine/detector';
import { acceptsEveryCert, foreignVerifier } from '../../engine/rust-verifiers';
import {
  isFullVerifier,
  namedForHostnameOnly,
  pluggedVerifiers,
  verifierImpls,
  verifyServerCertFns,
} from './support/verifiers';

export const detector = defineDetector({
  id: 'rust.rustls-dangerous-verifier',
  summary: 'rustls verifiers that accept every server certificate.',
  docs: `
    rustls verifiers that accept every server certificate: an \`impl ServerCertVerifier for X\` whose
    \`verify_server_cert\` returns \`Ok(ServerCertVerified::assertion())\` whatever it is given, as plugged in
    through \`.dangerous().set_certificate_verifier(...)\` or \`.with_custom_certificate_verifier(...)\`.
  `,
  rule: 'cert-verification-disabled',
  languages: ['rust'],
  apis: [
    'rustls::client::danger::ServerCertVerifier',
    'rustls::client::ServerCertVerifier',
    'ClientConfig::dangerous().set_certificate_verifier',
    'with_custom_certificate_verifier',
  ],
  tokens: ['ServerCertVerifier', 'set_certificate_verifier', 'with_custom_certificate_verifier'],
  fixAvailability: 'none',
  detect(file, report) {
    for (const { type, fn } of verifyServerCertFns(file)) {
      const body = fn.childForFieldName('body');
      if (body && acceptsEveryCert(body)) {
        report({
          node: fn.childForFieldName('name')!,
          message: `\`${type}::verify_server_cert\` accepts every certificate: the server is not authenticated.`,
        });
      }
    }
    // A verifier plugged in through the `dangerous()` API whose code is not in this file: flagged at the call,
    // as Semgrep's rustls-dangerous does. One defined here is judged by its own body above; the platform's and
    // WebPKI's verifiers check everything; one named for skipping only the host name is the
    // hostname-verification-disabled rule's.
    // A verifier of another file of the crate (`use crate::verifier::NoVerifier`) is judged by its summary:
    // one that accepts everything is reported here, with its `verify_server_cert` as related location; one
    // that checks (delegates to WebPKI or the platform, pins) is no finding.
    const impls = verifierImpls(file);
    for (const { name, field, types } of pluggedVerifiers(file)) {
      const elsewhere = types.filter((t) => !isFullVerifier(file, t) && !impls.has(t[t.length - 1] ?? ''));
      if (types.length > 0 && elsewhere.length === 0) continue;
      const known = elsewhere.map((t) => foreignVerifier(file, t));
      const accepting = known.find((k) => k?.kind === 'accepts-any-cert');
      if (accepting) {
        report({
          node: field,
          message: `\`${name}\` plugs in \`${accepting.type}\`, whose \`verify_server_cert\` accepts every certificate: the server is not authenticated.`,
          related: [accepting.related],
        });
        continue;
      }
      if (types.length > 0 && known.every((k) => k)) continue;
      const type = elsewhere.map((t) => t[t.length - 1] ?? '')[0];
      if (type && namedForHostnameOnly(type)) continue;
      report({
        node: field,
        message: `\`${name}\` replaces rustls' certificate verification with a custom verifier${type ? ` (\`${type}\`)` : ''} defined elsewhere: make sure it verifies the chain and the name.`,
      });
    }
  },
  examples: {
    rust: {
      bad: `
        use rustls::client::danger::{ServerCertVerified, ServerCertVerifier};
        struct NoVerify;
        impl ServerCertVerifier for NoVerify {
            fn verify_server_cert(&self, _e: &CertificateDer<'_>, _i: &[CertificateDer<'_>], _s: &ServerName<'_>, _o: &[u8], _n: UnixTime) -> Result<ServerCertVerified, Error> {
                Ok(ServerCertVerified::assertion())
            }
        }
      `,
      good: `
        use rustls::ClientConfig;
        fn f(roots: rustls::RootCertStore) -> ClientConfig {
            ClientConfig::builder().with_root_certificates(roots).with_no_client_auth()
        }
      `,
    },
  },
});
