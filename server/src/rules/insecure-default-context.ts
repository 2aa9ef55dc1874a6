// Rule metadata and user documentation: a TLS context whose defaults are insecure.
import { prose } from '../engine/text';
import type { Rule } from '../engine/types';

export const rule: Rule = {
  id: 'insecure-default-context',
  cwe: 757,
  defaultSeverity: 'warning',
  summary:
    'A TLS context is built in a way whose defaults skip verification or permit legacy versions, with nothing in sight that tightens it.',
  docs: {
    whatItDoes: prose`
      Flags constructors whose defaults are unsafe when nothing else in the file tightens them: Python
      \`ssl.SSLContext()\` with no protocol or with \`PROTOCOL_TLS\` (defaults to \`CERT_NONE\` and no
      host name check), \`ssl._create_unverified_context\`, \`_create_stdlib_context\`, a Go
      \`tls.Config\` without \`MinVersion\` on Go versions before 1.18.
    `,
    whyIsThisBad: prose`
      A context built this way accepts any certificate or old protocols unless every call site remembers
      to tighten it, and they rarely all do.
    `,
    howToFix: prose`
      Build contexts with the secure factory: \`ssl.create_default_context()\` for clients, or
      \`ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)\` which verifies and checks host names by default.
    `,
    whenNotToUseIt: prose`
      A context that is tightened in another module this linter cannot see; suppress with a reason that
      names where.
    `,
    references: [
      'https://cwe.mitre.org/data/definitions/757.html',
      'https://docs.python.org/3/library/ssl.html#ssl.create_default_context',
    ],
  },
};
