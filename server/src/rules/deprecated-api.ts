// Rule metadata and user documentation: deprecated or removed TLS APIs.
import { prose } from '../engine/text';
import type { Rule } from '../engine/types';

export const rule: Rule = {
  id: 'deprecated-api',
  cwe: 477,
  defaultSeverity: 'warning',
  summary: 'A deprecated or removed TLS API is used whose modern replacement has safer defaults.',
  docs: {
    whatItDoes: prose`
      Flags TLS APIs that their platform deprecated or removed: Python \`ssl.wrap_socket\` (removed in
      3.12), \`ssl.PROTOCOL_SSLv23\`/\`PROTOCOL_TLS\`, \`ssl.match_hostname\`; Node
      \`tls.createSecurePair\`; OpenSSL \`SSLv23_method()\` and the version-specific \`*_method()\`
      functions.
    `,
    whyIsThisBad: prose`
      The old APIs default to weaker settings (no host name check, no certificate verification, legacy
      protocols) and stop working on current runtimes. Their replacements verify by default.
    `,
    howToFix: prose`
      Use the replacement: \`ssl.create_default_context().wrap_socket(sock, server_hostname=host)\`,
      \`ssl.PROTOCOL_TLS_CLIENT\`/\`PROTOCOL_TLS_SERVER\`, \`tls.TLSSocket\`,
      \`TLS_client_method()\`/\`TLS_server_method()\`.
    `,
    whenNotToUseIt: prose`
      Code that must still run on runtimes older than the replacement; pin and suppress with a reason.
    `,
    references: ['https://cwe.mitre.org/data/definitions/477.html', 'https://docs.python.org/3/whatsnew/3.12.html#ssl'],
  },
};
