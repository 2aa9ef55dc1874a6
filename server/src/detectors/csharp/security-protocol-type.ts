import { protocolEnumDetector } from './support/protocol-enum';

export const detector = protocolEnumDetector({
  id: 'csharp.security-protocol-type',
  summary: 'Legacy `SecurityProtocolType` members in `ServicePointManager.SecurityProtocol`.',
  docs: `
    \`SecurityProtocolType.Ssl3/Tls/Tls11\` in \`ServicePointManager.SecurityProtocol = ...\` (and \`|=\`),
    including numeric casts such as \`(SecurityProtocolType)192\`.
  `,
  enumName: 'SecurityProtocolType',
  legacy: ['Ssl3', 'Tls', 'Tls11'],
  systemDefault: 'SystemDefault',
  apis: ['System.Net.SecurityProtocolType', 'ServicePointManager.SecurityProtocol'],
  examples: {
    csharp: {
      bad: `
        using System.Net;
        class A { void F() { ServicePointManager.SecurityProtocol = SecurityProtocolType.Tls; } }
      `,
      good: `
        using System.Net;
        class A { void F() { ServicePointManager.SecurityProtocol = SecurityProtocolType.Tls12; } }
      `,
    },
  },
});
