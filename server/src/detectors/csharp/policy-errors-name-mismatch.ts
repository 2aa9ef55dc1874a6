import { policyErrorDetector } from './support/policy-errors';

export const detector = policyErrorDetector({
  id: 'csharp.policy-errors-name-mismatch',
  rule: 'hostname-verification-disabled',
  summary: 'A validation callback that accepts a certificate issued for another host.',
  docs: `
    A validation callback that returns true on \`SslPolicyErrors.RemoteCertificateNameMismatch\`: the
    certificate may belong to any host. Also a setting that lists it among the tolerated errors (RabbitMQ
    \`SslOption.AcceptablePolicyErrors\`).
  `,
  members: ['RemoteCertificateNameMismatch'],
  what: 'a certificate issued for another host is accepted',
});
