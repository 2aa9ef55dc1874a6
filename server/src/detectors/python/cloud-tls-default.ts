import type { Node } from 'web-tree-sitter';
import { cloudTlsDefault } from '../../engine/cloud-tls';
import { defineDetector } from '../../engine/detector';
import { callArgs, kwValue, literalString, nameOf, nodesAround, valueOf } from '../../engine/languages/python';
import type { SourceFile } from '../../engine/types';

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * Whether the options of a construct's call leave the policy at its default: `missing`, `set` (the value is
 * `cloud-tls-policy`'s to judge), or `unknown` (`**kwargs`, a parameter, a dictionary the file does not show).
 */
function policyIn(file: SourceFile, call: Node, path: readonly string[]): 'missing' | 'set' | 'unknown' {
  // The first step is a keyword argument of the construct; the next ones are keys of a dictionary or
  // keyword arguments of a property class (`DomainEndpointOptionsProperty(tls_security_policy=...)`).
  let holder: Node | undefined = call;
  for (let i = 0; i < path.length; i++) {
    const key = snake(path[i]);
    let value: Node | undefined;
    if (holder?.type === 'call') {
      const { keywords, hasSplat } = callArgs(holder);
      if (hasSplat) return 'unknown';
      const kw = keywords.get(key);
      if (!kw) return 'missing';
      value = kwValue(kw);
    } else if (holder?.type === 'dictionary') {
      if (holder.namedChildren.some((c) => c?.type === 'dictionary_splat')) return 'unknown';
      const pair = holder.namedChildren.find((c) => {
        const k = c?.type === 'pair' ? c.childForFieldName('key') : undefined;
        return k?.type === 'string' && literalString(k) === key;
      });
      if (!pair) return 'missing';
      value = pair.childForFieldName('value') ?? undefined;
    } else return 'unknown';
    const v = valueOf(file, value) ?? value;
    if (!v || v.type === 'none') return 'missing';
    if (i === path.length - 1) return 'set';
    holder = v;
  }
  return 'unknown';
}

export const detector = defineDetector({
  id: 'python.cloud-tls-default',
  summary:
    'An AWS CDK OpenSearch/Elasticsearch domain or API Gateway `CfnDomainName` created without a TLS policy: it accepts TLS 1.0.',
  docs: `
    An AWS CDK OpenSearch/Elasticsearch \`Domain\` or \`CfnDomain\`, or an API Gateway \`CfnDomainName\`,
    created without \`tls_security_policy\` (\`domain_endpoint_options\` → \`tls_security_policy\`,
    \`security_policy\`): the endpoint then takes the service's default policy, which accepts TLS 1.0 and 1.1.
    Options the file does not show whole (\`**kwargs\`, a parameter) are not judged.
  `,
  rule: 'insecure-default-context',
  languages: ['python'],
  apis: [
    'aws_cdk.aws_opensearchservice.Domain',
    'aws_cdk.aws_opensearchservice.CfnDomain',
    'aws_cdk.aws_elasticsearch.Domain',
    'aws_cdk.aws_apigateway.CfnDomainName',
  ],
  tokens: ['aws_opensearchservice', 'aws_elasticsearch', 'aws_apigateway'],
  fixAvailability: 'none',
  detect(file, report) {
    for (const call of nodesAround(file, ['Domain', 'CfnDomain', 'CfnDomainName'], ['call'])) {
      const fn = call.childForFieldName('function');
      const name = nameOf(file, fn);
      const dot = name?.lastIndexOf('.') ?? -1;
      if (!fn || !name || dot < 0) continue;
      const known = cloudTlsDefault(name.slice(0, dot), name.slice(dot + 1));
      if (!known || policyIn(file, call, known.option) !== 'missing') continue;
      report({
        node: fn,
        message: `\`${fn.text}\` is created without \`${known.option.map(snake).join('.')}\`: the endpoint's default policy accepts TLS 1.0 and 1.1.`,
      });
    }
  },
  examples: {
    python: {
      bad: `
        from aws_cdk import aws_opensearchservice as opensearch
        opensearch.Domain(self, "Search", version=version)
      `,
      good: `
        from aws_cdk import aws_opensearchservice as opensearch
        opensearch.Domain(self, "Search", version=version, tls_security_policy=opensearch.TLSSecurityPolicy.TLS_1_2)
      `,
    },
  },
});
