// Rule metadata and user documentation: the library's warning about unverified TLS is silenced.
import { prose } from '../engine/text';
import type { Rule } from '../engine/types';

export const rule: Rule = {
  id: 'insecure-warning-suppressed',
  cwe: 295,
  defaultSeverity: 'information',
  summary: 'The warning a library gives for unverified TLS is silenced.',
  docs: {
    whatItDoes: prose`
      Flags calls that silence the warnings libraries print when certificates are not verified:
      \`urllib3.disable_warnings()\`,
      \`requests.packages.urllib3.disable_warnings(InsecureRequestWarning)\`,
      \`warnings.filterwarnings("ignore", category=InsecureRequestWarning)\`, \`NODE_NO_WARNINGS\` for
      TLS.
    `,
    whyIsThisBad: prose`
      The warning is often the only sign that verification is off somewhere. Silencing it hides the next
      insecure call as well as the one that prompted it.
    `,
    howToFix: prose`
      Remove the call and fix the insecure request it was hiding; if the warning is noisy, that is the
      problem to fix.
    `,
    whenNotToUseIt: prose`
      Test code that deliberately talks to a self-signed local server.
    `,
    references: [
      'https://cwe.mitre.org/data/definitions/295.html',
      'https://urllib3.readthedocs.io/en/stable/advanced-usage.html#tls-warnings',
    ],
  },
};
