import type { Node } from 'web-tree-sitter';
import { CLOUD_TLS_LEGACY, cloudTlsOption, cloudTlsUpgrade } from '../../engine/cloud-tls';
import { defineDetector } from '../../engine/detector';
import { literalString, nodesAround, stringValue, valueOf } from '../../engine/languages/python';
import type { SourceFile } from '../../engine/types';

/** The options as Python writes them (keyword arguments, and the keys of CfnX property dictionaries). */
const OPTIONS = Object.keys(CLOUD_TLS_LEGACY).map((k) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));

interface State {
  /** The string literal, or the enum member's name, to rewrite. */
  target: Node;
  replacement: string | undefined;
}

/** What a value names: an enum member's last name (`apigateway.SecurityPolicy.TLS_1_0`) or a string, through a constant. */
function valueName(file: SourceFile, value: Node): { shown: string; target: Node | undefined } | undefined {
  const v = valueOf(file, value) ?? value;
  if (v.type === 'attribute') {
    const attr = v.childForFieldName('attribute');
    // The member is rewritten only where it is written (not through a constant of the file).
    return attr ? { shown: attr.text, target: v === value ? attr : undefined } : undefined;
  }
  const shown = stringValue(file, value);
  return shown === undefined ? undefined : { shown, target: value.type === 'string' ? value : undefined };
}

export const detector = defineDetector<State>({
  id: 'python.cloud-tls-policy',
  summary: 'Infrastructure as code in Python (AWS CDK, Pulumi, CDKTF) that lets managed endpoints accept TLS 1.0/1.1.',
  docs: `
    Infrastructure as code in Python (AWS CDK, Pulumi, CDKTF) that lets managed endpoints accept TLS
    1.0/1.1: API Gateway \`security_policy\`, OpenSearch/Elasticsearch \`tls_security_policy\` (also as a
    key of \`domain_endpoint_options\`), CloudFront \`minimum_protocol_version\`, ELB \`ssl_policy\`,
    Azure/GCP \`minimum_tls_version\`/\`min_tls_version\`.
  `,
  rule: 'legacy-protocol',
  languages: ['python'],
  apis: [
    'aws_cdk.aws_apigateway',
    'aws_cdk.aws_apigatewayv2',
    'aws_cdk.aws_opensearchservice',
    'aws_cdk.aws_elasticsearch',
    'aws_cdk.aws_cloudfront',
    'aws_cdk.aws_elasticloadbalancingv2',
    'pulumi_azure_native',
    'pulumi_gcp',
  ],
  tokens: OPTIONS,
  fixAvailability: 'sometimes',
  detect(file, report) {
    const check = (name: string | undefined, value: Node | null | undefined) => {
      const option = name ? cloudTlsOption(name) : undefined;
      if (!option || !value) return;
      const named = valueName(file, value);
      if (!named || !CLOUD_TLS_LEGACY[option].test(named.shown)) return;
      const next = cloudTlsUpgrade(named.shown);
      const { target } = named;
      report({
        node: value,
        message: `\`${name}=${named.shown}\` lets the endpoint accept TLS 1.0 or 1.1.`,
        state: {
          target: target ?? value,
          replacement:
            target && next ? (target.type === 'string' ? target.text.replace(named.shown, next) : next) : undefined,
        },
      });
    };
    for (const kw of nodesAround(file, OPTIONS, ['keyword_argument']))
      check(kw.childForFieldName('name')?.text, kw.childForFieldName('value'));
    for (const pair of nodesAround(file, OPTIONS, ['pair'])) {
      const key = pair.childForFieldName('key');
      check(key?.type === 'string' ? literalString(key) : undefined, pair.childForFieldName('value'));
    }
  },
  fix(_file, r) {
    const { target, replacement } = r.state;
    if (!replacement) return undefined;
    // The same family's TLS 1.2 value: a rename of the version, so clients on 1.2+ see no change.
    return {
      title: `Require TLS 1.2 (\`${replacement.replace(/^['"]|['"]$/g, '')}\`)`,
      safety: 'safe',
      edits: [{ start: target.startIndex, end: target.endIndex, newText: replacement }],
    };
  },
  examples: {
    python: {
      bad: `
        from aws_cdk import aws_apigateway as apigateway
        apigateway.DomainName(self, "Domain", domain_name=name, certificate=cert, security_policy=apigateway.SecurityPolicy.TLS_1_0)
      `,
      good: `
        from aws_cdk import aws_apigateway as apigateway
        apigateway.DomainName(self, "Domain", domain_name=name, certificate=cert, security_policy=apigateway.SecurityPolicy.TLS_1_2)
      `,
    },
  },
});
