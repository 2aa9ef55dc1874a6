import { unquote, yamlPairs, type YamlPair } from '../../engine/languages/yaml';
import { defineDetector } from '../../engine/detector';

export const detector = defineDetector<{ pair: YamlPair }>({
  id: 'yaml.envoy-trust-chain',
  summary:
    'Envoy `trust_chain_verification: ACCEPT_UNTRUSTED`: a certificate that fails chain verification is accepted.',
  docs: `
    Envoy's \`CertificateValidationContext.trust_chain_verification: ACCEPT_UNTRUSTED\` (in a
    \`validation_context\`): a peer certificate whose chain does not verify is accepted anyway. The default,
    \`VERIFY_TRUST_CHAIN\`, rejects it.
  `,
  rule: 'cert-verification-disabled',
  languages: ['yaml'],
  apis: ['envoy.extensions.transport_sockets.tls.v3.CertificateValidationContext.trust_chain_verification'],
  tokens: ['ACCEPT_UNTRUSTED'],
  fixAvailability: 'always',
  detect(file, report) {
    for (const p of yamlPairs(file)) {
      if (p.key !== 'trust_chain_verification' || !p.scalar || unquote(p.raw) !== 'ACCEPT_UNTRUSTED') continue;
      report({
        range: { start: p.start, end: p.end },
        message: '`trust_chain_verification: ACCEPT_UNTRUSTED` accepts a certificate whose chain does not verify.',
        state: { pair: p },
      });
    }
  },
  fix(_file, r) {
    const p = r.state.pair;
    return {
      title: 'Verify the chain (`VERIFY_TRUST_CHAIN`)',
      safety: 'safe',
      edits: [{ start: p.valueStart, end: p.valueEnd, newText: 'VERIFY_TRUST_CHAIN' }],
    };
  },
  examples: {
    yaml: {
      bad: `
        common_tls_context:
          validation_context:
            trusted_ca:
              filename: /etc/envoy/ca.pem
            trust_chain_verification: ACCEPT_UNTRUSTED
      `,
      good: `
        common_tls_context:
          validation_context:
            trusted_ca:
              filename: /etc/envoy/ca.pem
      `,
    },
  },
});
