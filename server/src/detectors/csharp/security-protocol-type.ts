// `SecurityProtocolType.Ssl3/Tls/Tls11` in `ServicePointManager.SecurityProtocol = ...` (and `|=`),
// including numeric casts such as `(SecurityProtocolType)192`.
import { protocolEnumDetector } from './protocol-enum';

export const detector = protocolEnumDetector({
  id: 'csharp.security-protocol-type',
  enumName: 'SecurityProtocolType',
  legacy: ['Ssl3', 'Tls', 'Tls11'],
  systemDefault: 'SystemDefault',
  apis: ['System.Net.SecurityProtocolType', 'ServicePointManager.SecurityProtocol'],
  examples: {
    bad: 'using System.Net;\nclass A { void F() { ServicePointManager.SecurityProtocol = SecurityProtocolType.Tls; } }\n',
    good: 'using System.Net;\nclass A { void F() { ServicePointManager.SecurityProtocol = SecurityProtocolType.Tls12; } }\n',
  },
});
