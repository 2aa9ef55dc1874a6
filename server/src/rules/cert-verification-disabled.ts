// Rule metadata and user documentation: the peer's certificate is not verified.
import { prose } from '../engine/text';
import type { Rule } from '../engine/types';

export const rule: Rule = {
  id: 'cert-verification-disabled',
  cwe: 295,
  defaultSeverity: 'error',
  summary: "The peer's certificate chain is not verified, or any certificate is accepted as valid.",
  docs: {
    whatItDoes: prose`
      Flags code and configuration that turn off verification of the peer certificate chain:
      \`verify=False\`, \`CERT_NONE\`, \`rejectUnauthorized: false\`, \`InsecureSkipVerify: true\`,
      trust-all trust managers, validation callbacks that return true, \`SSL_VERIFY_NONE\`, \`curl -k\`
      and their kin.
    `,
    whyIsThisBad: prose`
      Without chain verification anyone on the network path can present their own certificate and read or
      change the traffic: TLS then encrypts the connection to the attacker. The encryption gives a false
      sense of safety while the authentication it depends on is gone.
    `,
    howToFix: prose`
      Use the platform's default verification: \`ssl.create_default_context()\`, \`verify=True\` (or a CA
      bundle path), \`rejectUnauthorized: true\`, \`InsecureSkipVerify: false\`, the JDK's default
      \`TrustManagerFactory\`, \`SSL_VERIFY_PEER\`. To trust a private CA, add that CA to the trust store
      instead of turning verification off.
    `,
    whenNotToUseIt: prose`
      Tests against a throw-away local server may disable verification; prefer a test CA even there. Test
      code is reported at information by default (\`testFiles: downgrade\`; \`ignore\` skips it); an
      opt-in path that a caller's flag selects is reported at information too. Otherwise suppress the
      line with a reason.
    `,
    references: [
      'https://cwe.mitre.org/data/definitions/295.html',
      'https://docs.python.org/3/library/ssl.html#security-considerations',
      'https://owasp.org/www-community/vulnerabilities/Improper_Certificate_Validation',
    ],
  },
};
