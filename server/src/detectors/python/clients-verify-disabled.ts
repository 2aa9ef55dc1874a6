import type { Node } from 'web-tree-sitter';
import {
  callArgs,
  flowOrigin,
  isFalsy,
  isNamedNotConfigured,
  matchesApi,
  nameOf,
  nodesAround,
  pythonModel,
  valueOf,
  valuesReaching,
} from '../../engine/languages/python';
import { defineDetector } from '../../engine/detector';
import type { SourceFile } from '../../engine/types';

interface Option {
  /** Callees (qualified, `Class()` for an instance's methods). */
  apis: string[];
  keyword: string;
  /** Whether a value turns verification off. */
  bad: (file: SourceFile, value: Node) => boolean;
  /** The replacement that turns it back on; unsafe when the flag says so. */
  fix: { text: (file: SourceFile, value: Node) => string; unsafe?: boolean };
}

const falsy = (file: SourceFile, v: Node) => isFalsy(file, v);
const isTrue = (file: SourceFile, v: Node) => valueOf(file, v)?.type === 'true';
const certNone = (file: SourceFile, v: Node) =>
  /(?:^|\.)CERT_NONE$/.test(nameOf(file, valueOf(file, v) ?? v, 'reaching') ?? '');

const BOTO_CLIENTS = [
  'boto3.client',
  'boto3.resource',
  'boto3.Session().client',
  'boto3.Session().resource',
  'boto3.session.Session().client',
  'boto3.session.Session().resource',
  'botocore.session.Session().create_client',
  'botocore.session.get_session().create_client',
  'aioboto3.Session().client',
  'aioboto3.Session().resource',
  'aiobotocore.session.get_session().create_client',
];

const OPTIONS: Option[] = [
  { apis: BOTO_CLIENTS, keyword: 'verify', bad: falsy, fix: { text: () => 'True' } },
  { apis: ['httplib2.Http'], keyword: 'disable_ssl_certificate_validation', bad: isTrue, fix: { text: () => 'False' } },
  {
    apis: [
      'tornado.httpclient.HTTPRequest',
      'tornado.httpclient.AsyncHTTPClient().fetch',
      'tornado.httpclient.HTTPClient().fetch',
      'tornado.websocket.websocket_connect',
    ],
    keyword: 'validate_cert',
    bad: falsy,
    fix: { text: () => 'True' },
  },
  {
    apis: [
      'elasticsearch.Elasticsearch',
      'elasticsearch.AsyncElasticsearch',
      'opensearchpy.OpenSearch',
      'opensearchpy.AsyncOpenSearch',
    ],
    keyword: 'verify_certs',
    bad: falsy,
    fix: { text: () => 'True' },
  },
  {
    apis: ['pymongo.MongoClient', 'motor.motor_asyncio.AsyncIOMotorClient'],
    keyword: 'tlsAllowInvalidCertificates',
    bad: isTrue,
    fix: { text: () => 'False' },
  },
  {
    apis: ['pymongo.MongoClient', 'motor.motor_asyncio.AsyncIOMotorClient'],
    keyword: 'tlsInsecure',
    bad: isTrue,
    fix: { text: () => 'False' },
  },
  {
    apis: ['hvac.Client', 'docker.tls.TLSConfig', 'docker.DockerClient', 'docker.APIClient'],
    keyword: 'verify',
    bad: falsy,
    fix: { text: () => 'True' },
  },
  {
    apis: ['ldap3.Tls'],
    keyword: 'validate',
    bad: certNone,
    fix: { text: (file) => pythonModel(file).spellingOf('ssl.CERT_REQUIRED') ?? 'ssl.CERT_REQUIRED', unsafe: true },
  },
];

const KEYWORDS = [...new Set(OPTIONS.map((o) => o.keyword))];

interface State {
  value: Node;
  option: Option;
  /** The value is written elsewhere and reaches the call: the fix needs review. */
  flowed?: boolean;
}

export const detector = defineDetector<State>({
  id: 'python.clients-verify-disabled',
  summary: `Other Python clients' own switches for certificate verification.`,
  docs: `
    Other Python clients' own switches for certificate verification: boto3/botocore \`verify=False\`,
    httplib2 \`disable_ssl_certificate_validation=True\`, Tornado \`validate_cert=False\`, Elasticsearch/OpenSearch
    \`verify_certs=False\`, PyMongo \`tlsAllowInvalidCertificates=True\` / \`tlsInsecure=True\`, hvac and docker
    \`verify=False\`, ldap3 \`Tls(validate=ssl.CERT_NONE)\`.
  `,
  rule: 'cert-verification-disabled',
  languages: ['python'],
  apis: [
    'boto3.client',
    'boto3.resource',
    'httplib2.Http',
    'tornado.httpclient.HTTPRequest',
    'elasticsearch.Elasticsearch',
    'pymongo.MongoClient',
    'hvac.Client',
    'ldap3.Tls',
  ],
  // ldap3's keyword is plain `validate`, far too common a word: its module name stands for it.
  tokens: [
    'verify',
    'disable_ssl_certificate_validation',
    'validate_cert',
    'tlsAllowInvalidCertificates',
    'tlsInsecure',
    'ldap3',
  ],
  alsoTokens: [
    'boto',
    'httplib2',
    'tornado',
    'elasticsearch',
    'opensearchpy',
    'pymongo',
    'motor',
    'hvac',
    'docker',
    'ldap3',
  ],
  fixAvailability: 'always',
  detect(file, report) {
    // The keyword is written in every call that matters.
    for (const call of nodesAround(file, KEYWORDS, ['call'])) {
      const args = callArgs(call);
      if (!KEYWORDS.some((k) => args.keywords.has(k))) continue;
      const name = nameOf(file, call.childForFieldName('function'), 'reaching');
      if (!name) continue;
      const options = OPTIONS.filter((o) => matchesApi(name, o.apis));
      if (!options.length) continue;
      for (const option of options) {
        const kw = args.keywords.get(option.keyword);
        const value = kw?.childForFieldName('value');
        if (!kw || !value) continue;
        const shown = name.replace(/\(\)/g, '');
        if (option.bad(file, value)) {
          report({
            node: kw,
            message: `\`${shown}\` is called with \`${option.keyword}=${value.text}\`: the server's certificate is not verified.`,
            state: { value, option },
          });
          continue;
        }
        // `tls_verify = False` ... `TLSConfig(verify=tls_verify)`: reported where the value is written.
        for (const leaf of valuesReaching(file, value)) {
          if (leaf.id === value.id || !option.bad(file, leaf) || isNamedNotConfigured(leaf)) continue;
          report({
            node: flowOrigin(leaf),
            message: `\`${leaf.text}\` reaches \`${shown}(${option.keyword}=${value.text})\`: the server's certificate is not verified.`,
            state: { value: leaf, option, flowed: true },
          });
        }
      }
    }
  },
  fix(file, r) {
    const { value, option, flowed } = r.state;
    const newText = option.fix.text(file, value);
    return {
      title: `Verify certificates (\`${option.keyword}=${newText}\`)`,
      safety: option.fix.unsafe || flowed ? 'unsafe' : 'safe',
      edits: [{ start: value.startIndex, end: value.endIndex, newText }],
    };
  },
  examples: {
    python: {
      bad: `
        import boto3
        s3 = boto3.client("s3", verify=False)
      `,
      good: `
        import boto3
        s3 = boto3.client("s3")
      `,
    },
  },
});
