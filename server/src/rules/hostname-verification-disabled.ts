// Rule metadata and user documentation: the certificate's name is not matched to the host.
import { prose } from '../engine/text';
import type { Rule } from '../engine/types';

export const rule: Rule = {
  id: 'hostname-verification-disabled',
  cwe: 297,
  defaultSeverity: 'error',
  summary: 'The certificate chain may be verified, but the name in it is not matched to the host.',
  docs: {
    whatItDoes: prose`
      Flags code that keeps chain verification but skips matching the certificate to the host name:
      \`check_hostname = False\`, \`assert_hostname=False\`, \`checkServerIdentity: () => undefined\`, a
      \`HostnameVerifier\` that returns true, \`NoopHostnameVerifier\`, \`CURLOPT_SSL_VERIFYHOST\` 0.
    `,
    whyIsThisBad: prose`
      Any certificate issued by a trusted CA for any name then authenticates any server: an attacker with
      a valid certificate for their own domain can impersonate yours.
    `,
    howToFix: prose`
      Keep the default host name check (\`ssl.create_default_context()\` sets \`check_hostname = True\`;
      pass \`server_hostname=\` to \`SSLContext.wrap_socket\`). Remove custom verifiers that accept every
      name.
    `,
    whenNotToUseIt: prose`
      Connections by IP address to a certificate without that address, in tests; prefer putting the
      address in the certificate or using a test CA.
    `,
    references: [
      'https://cwe.mitre.org/data/definitions/297.html',
      'https://docs.python.org/3/library/ssl.html#ssl.SSLContext.check_hostname',
    ],
  },
};
