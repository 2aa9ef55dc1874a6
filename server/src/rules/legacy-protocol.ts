// Rule metadata and user documentation: SSL or TLS below 1.2 is forced or allowed.
import { prose } from '../engine/text';
import type { Rule } from '../engine/types';

export const rule: Rule = {
  id: 'legacy-protocol',
  cwe: 327,
  defaultSeverity: 'warning',
  summary:
    'SSLv2, SSLv3, TLS 1.0 or TLS 1.1 is forced, allowed as the floor, or set as the ceiling; TLS 1.2 is the minimum.',
  docs: {
    whatItDoes: prose`
      Flags protocol choices below TLS 1.2: \`PROTOCOL_TLSv1\`, \`minimum_version = TLSVersion.TLSv1\`,
      \`minVersion: "TLSv1.1"\`, \`tls.VersionTLS10\`, \`SSLContext.getInstance("TLSv1")\`,
      \`SSLv3_method()\`, \`ssl_protocols TLSv1 TLSv1.1\`, \`curl --tlsv1.0\` and similar.
    `,
    whyIsThisBad: prose`
      SSLv2 and SSLv3 are broken (DROWN, POODLE); TLS 1.0 and 1.1 were deprecated by RFC 8996 because they
      rely on SHA-1 and MD5 and lack modern AEAD ciphers. Allowing them as a floor lets an attacker or an
      old peer pull the connection down.
    `,
    howToFix: prose`
      Require TLS 1.2 or later and let the library negotiate the highest version: \`ctx.minimum_version =
      ssl.TLSVersion.TLSv1_2\`, \`minVersion: "TLSv1.2"\`, \`MinVersion: tls.VersionTLS12\`,
      \`SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION)\`, \`ssl_protocols TLSv1.2 TLSv1.3\`.
    `,
    whenNotToUseIt: prose`
      Code that talks to legacy devices which cannot be upgraded; isolate it and suppress with a reason.
    `,
    references: [
      'https://cwe.mitre.org/data/definitions/327.html',
      'https://www.rfc-editor.org/rfc/rfc8996',
      'https://wiki.mozilla.org/Security/Server_Side_TLS',
    ],
  },
};
