// `SslProtocols.Ssl2/Ssl3/Tls/Tls11/Default` given to `SslStream.AuthenticateAsClient/AsServer`,
// `SslClientAuthenticationOptions.EnabledSslProtocols`, `HttpClientHandler.SslProtocols` and the like.
import { protocolEnumDetector } from './protocol-enum';

export const detector = protocolEnumDetector({
  id: 'csharp.ssl-protocols',
  enumName: 'SslProtocols',
  legacy: ['Ssl2', 'Ssl3', 'Tls', 'Tls11', 'Default'],
  systemDefault: 'None',
  apis: [
    'System.Security.Authentication.SslProtocols',
    'SslStream.AuthenticateAsClient',
    'SslStream.AuthenticateAsServer',
    'HttpClientHandler.SslProtocols',
    'SslClientAuthenticationOptions.EnabledSslProtocols',
  ],
  examples: {
    bad: 'using System.Security.Authentication;\nclass A { void F(System.Net.Security.SslStream s) { s.AuthenticateAsClient("example.com", null, SslProtocols.Tls, true); } }\n',
    good: 'using System.Security.Authentication;\nclass A { void F(System.Net.Security.SslStream s) { s.AuthenticateAsClient("example.com", null, SslProtocols.Tls12, true); } }\n',
  },
});
