import { cipherSuiteWeakness, describeWeakness } from '../../engine/ciphers';
import { lastName } from '../../engine/languages/csharp';
import { defineDetector } from '../../engine/detector';

export const detector = defineDetector({
  id: 'csharp.tls-cipher-suite',
  summary: 'Weak suites named through `System.Net.Security.TlsCipherSuite` (for `new CipherSuitesPolicy(...)`), e.g.',
  docs: `
    Weak suites named through \`System.Net.Security.TlsCipherSuite\` (for \`new CipherSuitesPolicy(...)\`), e.g.
    \`TlsCipherSuite.TLS_RSA_WITH_3DES_EDE_CBC_SHA\` or \`TLS_ECDHE_RSA_WITH_RC4_128_SHA\`.
  `,
  rule: 'weak-cipher',
  languages: ['csharp'],
  apis: ['System.Net.Security.TlsCipherSuite', 'System.Net.Security.CipherSuitesPolicy'],
  tokens: ['TlsCipherSuite'],
  fixAvailability: 'none',
  detect(file, report) {
    for (const m of file.nodes('member_access_expression')) {
      if (lastName(m.childForFieldName('expression')) !== 'TlsCipherSuite') continue;
      const p = m.parent;
      if (p?.type === 'binary_expression' || p?.type === 'constant_pattern' || p?.type === 'case_switch_label')
        continue;
      const name = lastName(m)!;
      const reasons = cipherSuiteWeakness(name);
      if (reasons && reasons.length > 0)
        report({ node: m, message: `\`TlsCipherSuite.${name}\` is a weak suite (${describeWeakness(reasons)}).` });
    }
  },
  examples: {
    csharp: {
      bad: `
        using System.Net.Security;
        class A { CipherSuitesPolicy P = new CipherSuitesPolicy(new[] { TlsCipherSuite.TLS_RSA_WITH_RC4_128_SHA }); }
      `,
      good: `
        using System.Net.Security;
        class A { CipherSuitesPolicy P = new CipherSuitesPolicy(new[] { TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 }); }
      `,
    },
  },
});
