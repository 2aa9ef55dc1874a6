import { policyErrorDetector } from './support/policy-errors';

export const detector = policyErrorDetector({
  id: 'csharp.policy-errors-chain',
  rule: 'cert-verification-disabled',
  summary: 'A validation callback that accepts an untrusted or missing certificate.',
  docs: `
    A validation callback that returns true on \`SslPolicyErrors.RemoteCertificateChainErrors\` (untrusted,
    expired or self-signed chains) or \`RemoteCertificateNotAvailable\`; also a setting that lists one among
    the tolerated errors (RabbitMQ \`SslOption.AcceptablePolicyErrors\`).
  `,
  members: ['RemoteCertificateChainErrors', 'RemoteCertificateNotAvailable'],
  what: 'an untrusted or missing certificate is accepted',
});
