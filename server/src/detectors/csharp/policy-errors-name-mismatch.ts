// A validation callback that returns true on `SslPolicyErrors.RemoteCertificateNameMismatch`: the
// certificate may belong to any host.
import { policyErrorDetector } from './policy-errors';

export const detector = policyErrorDetector(
  'csharp.policy-errors-name-mismatch',
  'hostname-verification-disabled',
  ['RemoteCertificateNameMismatch'],
  'a certificate issued for another host is accepted',
);
