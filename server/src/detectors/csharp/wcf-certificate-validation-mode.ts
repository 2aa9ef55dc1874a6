import type { Node } from 'web-tree-sitter';
import { lastName } from '../../engine/languages/csharp';
import { defineDetector } from '../../engine/detector';

export const detector = defineDetector<{ name: Node }>({
  id: 'csharp.wcf-certificate-validation-mode',
  summary: 'WCF and X509 validation turned off.',
  docs: `
    WCF and X509 validation turned off: \`X509CertificateValidationMode.None\` (e.g.
    \`client.ClientCredentials.ServiceCertificate.Authentication.CertificateValidationMode\`).
  `,
  rule: 'cert-verification-disabled',
  languages: ['csharp'],
  apis: [
    'System.ServiceModel.Security.X509CertificateValidationMode.None',
    'X509ServiceCertificateAuthentication.CertificateValidationMode',
  ],
  tokens: ['X509CertificateValidationMode'],
  fixAvailability: 'always',
  detect(file, report) {
    for (const m of file.nodes('member_access_expression')) {
      if (lastName(m) !== 'None' || lastName(m.childForFieldName('expression')) !== 'X509CertificateValidationMode')
        continue;
      const p = m.parent;
      if (p?.type === 'binary_expression' || p?.type === 'constant_pattern' || p?.type === 'case_switch_label')
        continue;
      report({
        node: m,
        message: '`X509CertificateValidationMode.None` turns certificate validation off.',
        state: { name: m.childForFieldName('name')! },
      });
    }
  },
  fix(_file, r) {
    const n = r.state.name;
    return {
      title: 'Validate the chain (`X509CertificateValidationMode.ChainTrust`)',
      safety: 'safe',
      edits: [{ start: n.startIndex, end: n.endIndex, newText: 'ChainTrust' }],
    };
  },
  examples: {
    csharp: {
      bad: `
        using System.ServiceModel.Security;
        class A { void F(dynamic c) { c.ClientCredentials.ServiceCertificate.Authentication.CertificateValidationMode = X509CertificateValidationMode.None; } }
      `,
      good: `
        using System.ServiceModel.Security;
        class A { void F(dynamic c) { c.ClientCredentials.ServiceCertificate.Authentication.CertificateValidationMode = X509CertificateValidationMode.ChainTrust; } }
      `,
    },
  },
});
