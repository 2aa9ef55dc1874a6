import type { Node } from 'web-tree-sitter';
import { cloudTlsDefault } from '../../engine/cloud-tls';
import { defineDetector } from '../../engine/detector';
import {
  calleeName,
  calleeNode,
  callArguments,
  hasOpaqueSpread,
  jsNodesAround,
  memberName,
  memberValue,
  objectLiteralOf,
  objectMembers,
  unwrap,
} from '../../engine/languages/javascript';
import type { SourceFile } from '../../engine/types';

/** Whether a value is absent as far as the CDK is concerned (`undefined`). */
function isUndefined(node: Node | undefined): boolean {
  const n = unwrap(node);
  return !n || n.type === 'undefined' || (n.type === 'identifier' && n.text === 'undefined');
}

/**
 * Whether the options leave the policy at its default: `missing` when the path ends before the option (or
 * at `undefined`), `set` when the option is written (its value is `cloud-tls-policy`'s to judge), `unknown`
 * when a step is not a literal object the file shows whole.
 */
function policyIn(file: SourceFile, props: Node | undefined, path: readonly string[]): 'missing' | 'set' | 'unknown' {
  if (isUndefined(props)) return 'missing';
  let obj = objectLiteralOf(file, props);
  for (let i = 0; i < path.length; i++) {
    if (!obj || hasOpaqueSpread(file, obj)) return 'unknown';
    const member = objectMembers(file, obj).find((m) => memberName(m) === path[i]);
    const value = member ? memberValue(member) : undefined;
    if (!member || isUndefined(value)) return 'missing';
    if (i === path.length - 1) return 'set';
    obj = objectLiteralOf(file, value);
  }
  return 'unknown';
}

export const detector = defineDetector({
  id: 'javascript.cloud-tls-default',
  summary:
    'An AWS CDK OpenSearch/Elasticsearch domain or API Gateway `CfnDomainName` created without a TLS policy: it accepts TLS 1.0.',
  docs: `
    An AWS CDK OpenSearch/Elasticsearch \`Domain\` or \`CfnDomain\`, or an API Gateway \`CfnDomainName\`,
    created without \`tlsSecurityPolicy\` (\`domainEndpointOptions.tlsSecurityPolicy\`, \`securityPolicy\`):
    the endpoint then takes the service's default policy, which accepts TLS 1.0 and 1.1. Options the file
    does not show whole (a parameter, a spread of an unknown object) are not judged.
  `,
  rule: 'insecure-default-context',
  languages: ['javascript', 'typescript', 'tsx'],
  apis: [
    'aws-cdk-lib.aws_opensearchservice.Domain',
    'aws-cdk-lib.aws_opensearchservice.CfnDomain',
    'aws-cdk-lib.aws_elasticsearch.Domain',
    'aws-cdk-lib.aws_apigateway.CfnDomainName',
  ],
  tokens: ['aws-opensearchservice', 'aws-elasticsearch', 'aws-apigateway'],
  fixAvailability: 'none',
  detect(file, report) {
    for (const call of jsNodesAround(file, ['new'], ['new_expression'])) {
      const name = calleeName(file, call);
      const dot = name?.lastIndexOf('.') ?? -1;
      if (!name || dot < 0) continue;
      const known = cloudTlsDefault(name.slice(0, dot), name.slice(dot + 1));
      const args = callArguments(call);
      if (!known || args.some((a) => a.type === 'spread_element')) continue;
      if (policyIn(file, args[2], known.option) !== 'missing') continue;
      const callee = calleeNode(call);
      report({
        node: callee ?? call,
        message: `\`${callee?.text ?? name}\` is created without \`${known.option.join('.')}\`: the endpoint's default policy accepts TLS 1.0 and 1.1.`,
      });
    }
  },
  examples: {
    typescript: {
      bad: `
        import * as opensearch from 'aws-cdk-lib/aws-opensearchservice';
        new opensearch.Domain(this, 'Search', { version });
      `,
      good: `
        import * as opensearch from 'aws-cdk-lib/aws-opensearchservice';
        new opensearch.Domain(this, 'Search', { version, tlsSecurityPolicy: opensearch.TLSSecurityPolicy.TLS_1_2 });
      `,
    },
  },
});
