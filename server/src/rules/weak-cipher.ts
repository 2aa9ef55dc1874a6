// Rule metadata and user documentation: weak cipher suites enabled.
import { prose } from '../engine/text';
import type { Rule } from '../engine/types';

export const rule: Rule = {
  id: 'weak-cipher',
  cwe: 327,
  defaultSeverity: 'warning',
  summary:
    'A cipher configuration enables NULL, anonymous, EXPORT, RC4, DES/3DES, MD5 or other suites outside a modern profile.',
  docs: {
    whatItDoes: prose`
      Flags cipher strings and suite lists (\`set_ciphers\`, \`ciphers:\`, \`CipherSuites\`,
      \`SSL_CTX_set_cipher_list\`, \`ssl_ciphers\`, \`SSLCipherSuite\`) that enable suites outside
      Mozilla's intermediate profile: NULL, aNULL/ADH, EXPORT, RC4, DES, 3DES, MD5, IDEA, SEED, or the
      catch-all \`ALL\`/\`DEFAULT\` with weak suites added back.
    `,
    whyIsThisBad: prose`
      These suites offer no encryption, no authentication, or keys small enough to break (SWEET32, RC4
      biases, FREAK/Logjam for EXPORT). A peer or attacker that prefers them gets them.
    `,
    howToFix: prose`
      Do not set ciphers at all and keep the library's defaults, or use Mozilla's intermediate list (ECDHE
      with AES-GCM or ChaCha20-Poly1305). In Go, leave \`CipherSuites\` nil.
    `,
    whenNotToUseIt: prose`
      Interoperability tests of legacy suites; suppress with a reason.
    `,
    references: [
      'https://cwe.mitre.org/data/definitions/327.html',
      'https://wiki.mozilla.org/Security/Server_Side_TLS#Intermediate_compatibility_.28recommended.29',
    ],
  },
};
