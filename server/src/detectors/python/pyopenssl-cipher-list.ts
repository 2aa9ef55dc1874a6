import { describeWeakness } from '../../engine/ciphers';
import { callArgs, pythonModel } from '../../engine/languages/python';
import { defineDetector } from '../../engine/detector';
import type { SourceFile } from '../../engine/types';
import { cipherFix, weakCipherArgument, type WeakCiphers } from './support/ciphers';

function importsTlsLibrary(file: SourceFile): boolean {
  return [...pythonModel(file).imports.values()].some((v) =>
    /^(OpenSSL|pyOpenSSL|M2Crypto|twisted\.internet\.ssl)(\.|$)/.test(v),
  );
}

export const detector = defineDetector<WeakCiphers>({
  id: 'python.pyopenssl-cipher-list',
  summary:
    "pyOpenSSL `Context.set_cipher_list(...)` (and M2Crypto's `set_cipher_list`) with a cipher string that enables NULL, anonymous, EXPORT, RC4, DES/3DES, MD5 or other weak suites.",
  docs: `
    pyOpenSSL \`Context.set_cipher_list(...)\` (and M2Crypto's \`set_cipher_list\`) with a cipher string that
    enables NULL, anonymous, EXPORT, RC4, DES/3DES, MD5 or other weak suites.
  `,
  rule: 'weak-cipher',
  languages: ['python'],
  apis: ['OpenSSL.SSL.Context.set_cipher_list', 'M2Crypto.SSL.Context.set_cipher_list'],
  tokens: ['set_cipher_list'],
  fixAvailability: 'sometimes',
  detect(file, report) {
    if (!importsTlsLibrary(file)) return;
    for (const call of file.nodes('call')) {
      const fn = call.childForFieldName('function');
      if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'set_cipher_list') continue;
      const args = callArgs(call);
      const arg = args.keywords.get('cipher_list')?.childForFieldName('value') ?? args.positional[0];
      if (!arg) continue;
      const weak = weakCipherArgument(file, arg);
      if (!weak) continue;
      report({
        node: arg,
        message: `\`set_cipher_list\` enables weak cipher suites (${describeWeakness(weak.reasons)}).`,
        state: weak,
      });
    }
  },
  fix(_file, r) {
    return cipherFix(r.state);
  },
  examples: {
    python: {
      bad: `
        from OpenSSL import SSL
        ctx = SSL.Context(SSL.TLS_METHOD)
        ctx.set_cipher_list(b"RC4-SHA:AES128-SHA")
      `,
      good: `
        from OpenSSL import SSL
        ctx = SSL.Context(SSL.TLS_METHOD)
        ctx.set_cipher_list(b"ECDHE+AESGCM:!aNULL")
      `,
    },
  },
});
