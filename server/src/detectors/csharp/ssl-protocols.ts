import { protocolEnumDetector } from './support/protocol-enum';

export const detector = protocolEnumDetector({
  id: 'csharp.ssl-protocols',
  summary: 'Legacy `SslProtocols` members given to TLS streams and handlers.',
  docs: `
    \`SslProtocols.Ssl2/Ssl3/Tls/Tls11/Default\` given to \`SslStream.AuthenticateAsClient/AsServer\`,
    \`SslClientAuthenticationOptions.EnabledSslProtocols\`, \`HttpClientHandler.SslProtocols\` and the like.
  `,
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
    csharp: {
      bad: `
        using System.Security.Authentication;
        class A { void F(System.Net.Security.SslStream s) { s.AuthenticateAsClient("example.com", null, SslProtocols.Tls, true); } }
      `,
      good: `
        using System.Security.Authentication;
        class A { void F(System.Net.Security.SslStream s) { s.AuthenticateAsClient("example.com", null, SslProtocols.Tls12, true); } }
      `,
    },
  },
});
