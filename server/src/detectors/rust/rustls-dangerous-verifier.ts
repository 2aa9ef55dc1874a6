import type { Node } from 'web-tree-sitter';
import { literalBindings, methodCalls } from '../../engine/languages/rust';
import { defineDetector } from '../../engine/detector';
import type { SourceFile } from '../../engine/types';

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
  return (
    body
      .descendantsOfType(['if_expression', 'match_expression', 'try_expression', 'return_expression'])
      .filter((n) => n && n.id !== value?.id).length === 0
  );
}

/** The verifier type an argument builds: `Arc::new(NoVerify)`, `Arc::new(NoVerify::new())`, `Arc::new(NoVerify { .. })`, or a `let` of one. */
function verifierType(file: SourceFile, arg: Node | undefined, depth = 0): string | undefined {
  if (!arg || depth > 3) return undefined;
  if (arg.type === 'identifier') {
    const bound = literalBindings(file).get(arg.text);
    return bound ? verifierType(file, bound, depth + 1) : /^[A-Z]/.test(arg.text) ? arg.text : undefined;
  }
  if (arg.type === 'scoped_identifier') return arg.text.split('::').pop();
  if (arg.type === 'struct_expression') return arg.childForFieldName('name')?.text.split('::').pop();
  if (arg.type === 'reference_expression')
    return verifierType(file, arg.childForFieldName('value') ?? undefined, depth + 1);
  if (arg.type === 'call_expression') {
    const fn = arg.childForFieldName('function');
    const inner = arg
      .childForFieldName('arguments')
      ?.namedChildren.filter((c): c is Node => !!c && !c.type.endsWith('comment'));
    // A tuple struct: Delegating(inner).
    if (fn?.type === 'identifier' && /^[A-Z]/.test(fn.text)) return fn.text;
    if (fn?.type === 'scoped_identifier') {
      const seg = fn.text.split('::');
      // Arc::new(x) / Box::new(x) / std::sync::Arc::new(x) wrap the verifier; X::new() / X::default() build it.
      if (['Arc', 'Box', 'Rc'].includes(seg[seg.length - 2]) && inner?.length === 1)
        return verifierType(file, inner[0], depth + 1);
      return seg[seg.length - 2];
    }
  }
  return undefined;
}

/** Types of the file that implement ServerCertVerifier. */
function verifierImpls(file: SourceFile): Map<string, Node> {
  const out = new Map<string, Node>();
  for (const impl of file.nodes('impl_item')) {
    const trait = impl.childForFieldName('trait');
    const type = impl.childForFieldName('type')?.text.split('::').pop();
    if (trait && type && /(^|::)ServerCertVerifier$/.test(trait.text)) out.set(type, impl);
  }
  return out;
}

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
    for (const impl of file.nodes('impl_item')) {
      const trait = impl.childForFieldName('trait');
      if (!trait || !/(^|::)ServerCertVerifier$/.test(trait.text)) continue;
      for (const fn of impl.childForFieldName('body')?.namedChildren ?? []) {
        if (fn?.type !== 'function_item' || fn.childForFieldName('name')?.text !== 'verify_server_cert') continue;
        const body = fn.childForFieldName('body');
        if (body && unconditional(body)) {
          report({
            node: fn.childForFieldName('name')!,
            message: `\`${impl.childForFieldName('type')?.text ?? 'This'}::verify_server_cert\` accepts every certificate: the server is not authenticated.`,
          });
        }
      }
    }
    // A verifier plugged in through the `dangerous()` API whose code is not in this file: flagged at the call,
    // as Semgrep's rustls-dangerous does (one defined here is judged by its own body above).
    const impls = verifierImpls(file);
    for (const { call, name, args } of methodCalls(file, [
      'set_certificate_verifier',
      'with_custom_certificate_verifier',
    ])) {
      const type = verifierType(file, args[0]);
      if (type && impls.has(type)) continue;
      report({
        node: call.childForFieldName('function')!.childForFieldName('field')!,
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
