import type { Node } from 'web-tree-sitter';
import { flowsInto, memberName, stringValue, unwrap } from '../../engine/languages/javascript';
import { defineDetector } from '../../engine/detector';

/** Option name -> the legacy values it can take (compared on the string or the enum member's name). */
const LEGACY: Record<string, RegExp> = {
  securityPolicy: /^(TLS_1_0|TLS_1_1)$/,
  tlsSecurityPolicy: /^(TLS_1_0|TLS_1_1|Policy-Min-TLS-1-0-2019-07|Policy-Min-TLS-1-1-2019-07)$/,
  minimumProtocolVersion: /^(SSLv3|TLSv1|TLSv1_2016|TLSv1\.1_2016|SSL_V3|TLS_V1_2016|TLS_V1_1_2016)$/,
  sslPolicy:
    /^(TLS10|TLS11|LEGACY|ELBSecurityPolicy-2016-08|ELBSecurityPolicy-2015-05|ELBSecurityPolicy-TLS-1-0-2015-04|ELBSecurityPolicy-TLS-1-1-2017-01|ELBSecurityPolicy-FS-2018-06|ELBSecurityPolicy-FS-1-1-2019-08)$/,
  minimumTlsVersion: /^(TLS1_0|TLS1_1|TLS_1_0|TLS_1_1|1\.0|1\.1)$/,
  minTlsVersion: /^(TLS1_0|TLS1_1|TLS_1_0|TLS_1_1|1\.0|1\.1)$/,
};

/** The TLS 1.2 spelling in the same family, for values where that is a rename. */
function upgraded(value: string): string | undefined {
  if (/^TLS_1_[01]$/.test(value)) return 'TLS_1_2';
  if (/^TLS1_[01]$/.test(value)) return 'TLS1_2';
  if (/^1\.[01]$/.test(value)) return '1.2';
  if (/^Policy-Min-TLS-1-[01]-2019-07$/.test(value)) return 'Policy-Min-TLS-1-2-2019-07';
  if (/^(TLSv1|TLSv1_2016|TLSv1\.1_2016|SSLv3)$/.test(value)) return 'TLSv1.2_2021';
  if (/^(SSL_V3|TLS_V1_2016|TLS_V1_1_2016)$/.test(value)) return 'TLS_V1_2_2021';
  if (/^TLS1[01]$/.test(value)) return 'TLS12';
  return undefined;
}

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
