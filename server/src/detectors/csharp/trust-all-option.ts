import type { Node } from 'web-tree-sitter';
import { lastName, unwrap } from '../../engine/languages/csharp';
import { defineDetector } from '../../engine/detector';

/**
 * Boolean client options that accept an unverified server certificate, by the libraries that define them:
 * MQTTnet `MqttClientTlsOptions.AllowUntrustedCertificates` / `IgnoreCertificateChainErrors`, FluentFTP
 * `FtpConfig.ValidateAnyCertificate`, MongoDB `SslSettings`/`MongoClientSettings.AllowInsecureTls`,
 * Microsoft.Data.SqlClient and Npgsql `TrustServerCertificate`, YARP
 * `HttpClientConfig.DangerousAcceptAnyServerCertificate` (a proxied cluster's destinations).
 */
const OPTIONS = new Map<string, string>([
  ['AllowUntrustedCertificates', 'an untrusted certificate is accepted'],
  ['IgnoreCertificateChainErrors', 'a certificate that does not chain to a trusted root is accepted'],
  ['ValidateAnyCertificate', 'every certificate is accepted'],
  ['AllowInsecureTls', 'the certificate and its host name are not verified'],
  ['TrustServerCertificate', "the server's certificate is trusted without validation"],
  ['DangerousAcceptAnyServerCertificate', "every destination server's certificate is accepted without validation"],
]);

function isTrue(n: Node | null | undefined): boolean {
  return !!n && unwrap(n).type === 'boolean_literal' && unwrap(n).text === 'true';
}

export const detector = defineDetector({
  id: 'csharp.trust-all-option',
  summary: 'Client options that accept unverified server certificates.',
  docs: `
    Client options set to \`true\` that accept an unverified server certificate: MQTTnet
    \`AllowUntrustedCertificates\` and \`IgnoreCertificateChainErrors\` (also the builder's
    \`WithAllowUntrustedCertificates()\` / \`WithIgnoreCertificateChainErrors()\`, whose argument defaults to
    true), FluentFTP \`Config.ValidateAnyCertificate\`, MongoDB \`AllowInsecureTls\`, SqlClient and Npgsql
    \`TrustServerCertificate\`, YARP (reverse proxy) \`HttpClientConfig.DangerousAcceptAnyServerCertificate\`. Assignments in statements and in object initializers are both reported; a
    value copied from another setting (\`a.ValidateAnyCertificate = b.ValidateAnyCertificate\`) is not.
  `,
  rule: 'cert-verification-disabled',
  languages: ['csharp'],
  apis: [
    'MQTTnet.MqttClientTlsOptions.AllowUntrustedCertificates',
    'MQTTnet.MqttClientTlsOptions.IgnoreCertificateChainErrors',
    'FluentFTP.FtpConfig.ValidateAnyCertificate',
    'MongoDB.Driver.MongoClientSettings.AllowInsecureTls',
    'Microsoft.Data.SqlClient.SqlConnectionStringBuilder.TrustServerCertificate',
    'Yarp.ReverseProxy.Configuration.HttpClientConfig.DangerousAcceptAnyServerCertificate',
  ],
  tokens: [...OPTIONS.keys()],
  fixAvailability: 'none',
  detect(file, report) {
    for (const asg of file.nodes('assignment_expression')) {
      const left = asg.childForFieldName('left');
      const name = lastName(left);
      const what = name && OPTIONS.get(name);
      if (!what || !isTrue(asg.childForFieldName('right'))) continue;
      const op = asg.children.find((c) => c?.type === '=' || c?.type === '|=')?.text;
      if (op === undefined && asg.childForFieldName('operator')?.text !== '=') continue;
      report({ node: asg, message: `\`${left!.text} = true\`: ${what}.` });
    }
    // MQTTnet's builder: `o.WithAllowUntrustedCertificates()` (the argument defaults to true).
    for (const call of file.nodes('invocation_expression')) {
      const method = lastName(call.childForFieldName('function'));
      const option = method?.startsWith('With') ? method.slice(4) : undefined;
      const what = option && OPTIONS.get(option);
      if (!what) continue;
      const args =
        call.childForFieldName('arguments')?.namedChildren.filter((c): c is Node => c?.type === 'argument') ?? [];
      if (args.length > 1 || (args.length === 1 && !isTrue(args[0].namedChildren[args[0].namedChildCount - 1])))
        continue;
      const fn = call.childForFieldName('function');
      const at = (fn?.type === 'member_access_expression' ? fn.childForFieldName('name') : fn) ?? call;
      report({ node: at, message: `\`${method}(${args.length ? 'true' : ''})\`: ${what}.` });
    }
  },
  examples: {
    csharp: {
      bad: `
        using MQTTnet;
        class A { MqttClientTlsOptions F() => new MqttClientTlsOptions { UseTls = true, AllowUntrustedCertificates = true }; }
      `,
      good: `
        using MQTTnet;
        class A { MqttClientTlsOptions F() => new MqttClientTlsOptions { UseTls = true }; }
      `,
    },
  },
});
