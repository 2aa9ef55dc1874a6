import type { Node } from 'web-tree-sitter';
import { flowsInto, memberName, stringValue, unwrap } from '../../engine/languages/javascript';
import { CLOUD_TLS_LEGACY as LEGACY, cloudTlsUpgrade as upgraded } from '../../engine/cloud-tls';
import { defineDetector } from '../../engine/detector';

interface State {
  /** The string literal, or the enum member's property name, to rewrite. */
  target: Node;
  replacement: string | undefined;
}

export const detector = defineDetector<State>({
  id: 'javascript.cloud-tls-policy',
  summary:
    'Infrastructure as code in TypeScript/JavaScript (AWS CDK, Pulumi, CDKTF) that lets managed endpoints accept TLS 1.0/1.1.',
  docs: `
    Infrastructure as code in TypeScript/JavaScript (AWS CDK, Pulumi, CDKTF) that lets managed endpoints
    accept TLS 1.0/1.1: API Gateway \`securityPolicy\`, OpenSearch/Elasticsearch \`tlsSecurityPolicy\`,
    CloudFront \`minimumProtocolVersion\`, ELB \`sslPolicy\`, Azure/GCP \`minimumTlsVersion\`/\`minTlsVersion\`.
  `,
  rule: 'legacy-protocol',
  languages: ['javascript', 'typescript', 'tsx'],
  apis: [
    'aws-cdk-lib.aws_apigateway',
    'aws-cdk-lib.aws_opensearchservice',
    'aws-cdk-lib.aws_cloudfront',
    'aws-cdk-lib.aws_elasticloadbalancingv2',
    '@pulumi/azure-native',
    '@pulumi/gcp',
  ],
  tokens: Object.keys(LEGACY),
  fixAvailability: 'sometimes',
  detect(file, report) {
    for (const member of file.nodes('pair')) {
      if (member.parent?.type !== 'object') continue;
      const name = memberName(member);
      const pattern = name ? LEGACY[name] : undefined;
      const value = unwrap(member.childForFieldName('value'));
      if (!pattern || !value) continue;
      let shown: string | undefined;
      let target: Node | undefined;
      if (value.type === 'member_expression') {
        // `apigw.SecurityPolicy.TLS_1_0`, `elbv2.SslPolicy.TLS11`, `cloudfront.SecurityPolicyProtocol.TLS_V1_2016`.
        target = value.childForFieldName('property') ?? undefined;
        shown = target?.text;
      } else {
        shown = stringValue(file, value);
        target = value.type === 'string' ? value : undefined;
      }
      if (!shown || !pattern.test(shown)) continue;
      const api = flowsInto(file, member.parent)?.shown;
      const next = upgraded(shown);
      report({
        node: value,
        message: `${api ? `\`${api}\` option ` : ''}\`${name}: ${shown}\` lets the endpoint accept TLS 1.0 or 1.1.`,
        state: {
          target: target ?? value,
          replacement:
            target && next
              ? target.type === 'string'
                ? `${target.text[0]}${next}${target.text[0]}`
                : next
              : undefined,
        },
      });
    }
  },
  fix(_file, r) {
    const { target, replacement } = r.state;
    if (!replacement) return undefined;
    // The same family's TLS 1.2 value: a rename of the version, so clients on 1.2+ see no change.
    return {
      title: `Require TLS 1.2 (\`${replacement.replace(/^['"`]|['"`]$/g, '')}\`)`,
      safety: 'safe',
      edits: [{ start: target.startIndex, end: target.endIndex, newText: replacement }],
    };
  },
  examples: {
    javascript: {
      bad: `
        import * as apigw from 'aws-cdk-lib/aws-apigateway';
        new apigw.DomainName(this, 'Domain', { domainName, certificate, securityPolicy: apigw.SecurityPolicy.TLS_1_0 });
      `,
      good: `
        import * as apigw from 'aws-cdk-lib/aws-apigateway';
        new apigw.DomainName(this, 'Domain', { domainName, certificate, securityPolicy: apigw.SecurityPolicy.TLS_1_2 });
      `,
    },
  },
});
