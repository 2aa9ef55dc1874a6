// A validation callback that returns true on `SslPolicyErrors.RemoteCertificateChainErrors` (untrusted,
// expired or self-signed chains) or `RemoteCertificateNotAvailable`.
import { policyErrorDetector } from './policy-errors';

export const detector = policyErrorDetector(
  'csharp.policy-errors-chain',
  'cert-verification-disabled',
  ['RemoteCertificateChainErrors', 'RemoteCertificateNotAvailable'],
  'an untrusted or missing certificate is accepted',
);
