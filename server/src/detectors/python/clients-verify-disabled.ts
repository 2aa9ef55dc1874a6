import type { Node } from 'web-tree-sitter';
import {
  callArgs,
  isFalsy,
  nameOf,
  nodesAround,
  pythonModel,
  stringValue,
  valueOf,
} from '../../engine/languages/python';
import { defineDetector } from '../../engine/detector';
import type { SourceFile } from '../../engine/types';
import { type ClientOption, type ClientOptionState, clientOptionFix, clientOptionHits } from './support/client-options';

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

/**
 * Ansible's own word, in its URL helpers and in every module that talks HTTPS (`open_url`, `fetch_url`,
 * `Request`), and in the module arguments a test or a wrapper passes along (`{"validate_certs": False}`);
 * `validate_certs: false` in playbooks is yaml.verify-false's.
 */
const ANSIBLE_VALIDATE_CERTS: ClientOption = {
  apis: [
    'ansible.module_utils.urls.open_url',
    'ansible.module_utils.urls.fetch_url',
    'ansible.module_utils.urls.Request',
    'ansible.module_utils.urls.Request().open',
  ],
  keyword: 'validate_certs',
  anyCallee: true,
  bad: falsy,
  fix: { text: () => 'True' },
};

const OPTIONS: ClientOption[] = [
  { apis: BOTO_CLIENTS, keyword: 'verify', bad: falsy, fix: { text: () => 'True' } },
  {
    apis: ['httplib2.Http'],
    keyword: 'disable_ssl_certificate_validation',
    anyCallee: true,
    bad: isTrue,
    fix: { text: () => 'False' },
  },
  {
    apis: [
      'tornado.httpclient.HTTPRequest',
      'tornado.httpclient.AsyncHTTPClient().fetch',
      'tornado.httpclient.HTTPClient().fetch',
      'tornado.websocket.websocket_connect',
    ],
    keyword: 'validate_cert',
    anyCallee: true,
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
    anyCallee: true,
    bad: isTrue,
    fix: { text: () => 'False' },
  },
  {
    apis: ['pymongo.MongoClient', 'motor.motor_asyncio.AsyncIOMotorClient'],
    keyword: 'tlsInsecure',
    anyCallee: true,
    bad: isTrue,
    fix: { text: () => 'False' },
  },
  {
    // redis-py (and Celery/kombu's Redis transport) take the verify mode as a string too; its constant
    // form (`ssl.CERT_NONE`) is python.ssl-verify-mode's.
    apis: ['redis.Redis', 'redis.StrictRedis', 'redis.asyncio.Redis', 'redis.cluster.RedisCluster'],
    keyword: 'ssl_cert_reqs',
    anyCallee: true,
    bad: (file, v) => /^(?:CERT_)?NONE$/i.test(stringValue(file, v)?.trim() ?? ''),
    fix: { text: (_file, v) => (/^[rRuUbB]*'/.test(v.text) ? "'required'" : '"required"') },
  },
  {
    apis: ['hvac.Client', 'docker.tls.TLSConfig', 'docker.DockerClient', 'docker.APIClient'],
    keyword: 'verify',
    bad: falsy,
    fix: { text: () => 'True' },
  },
  {
    // InfluxDB's clients (2.x `influxdb_client`, 1.x `influxdb`), proxmoxer.
    apis: [
      'influxdb_client.InfluxDBClient',
      'influxdb_client.client.influxdb_client.InfluxDBClient',
      'influxdb_client.client.influxdb_client_async.InfluxDBClientAsync',
      'influxdb.InfluxDBClient',
      'influxdb.DataFrameClient',
      // Proxmox VE API client.
      'proxmoxer.ProxmoxAPI',
    ],
    keyword: 'verify_ssl',
    bad: falsy,
    fix: { text: () => 'True' },
  },
  {
    // Elastic APM agent: `elasticapm.Client(verify_server_cert=False)`, also its Flask/Django wrappers.
    apis: ['elasticapm.Client', 'elasticapm.contrib.flask.ElasticAPM', 'elasticapm.contrib.starlette.make_apm_client'],
    keyword: 'verify_server_cert',
    anyCallee: true,
    bad: falsy,
    fix: { text: () => 'True' },
  },
  ANSIBLE_VALIDATE_CERTS,
  {
    // pyVmomi (VMware vSphere): `SmartConnect(..., disableSslCertValidation=True)`.
    apis: ['pyVim.connect.SmartConnect', 'pyVim.connect.Connect', 'pyVim.connect.SmartStubAdapter'],
    keyword: 'disableSslCertValidation',
    anyCallee: true,
    bad: isTrue,
    fix: { text: () => 'False' },
  },
  {
    // python-gitlab: `gitlab.Gitlab(url, private_token=..., ssl_verify=False)`.
    apis: ['gitlab.Gitlab', 'gitlab.client.Gitlab'],
    keyword: 'ssl_verify',
    bad: falsy,
    fix: { text: () => 'True' },
  },
  {
    // MinIO's Python SDK: `Minio(endpoint, ..., cert_check=False)`.
    apis: ['minio.Minio', 'minio.api.Minio', 'minio.MinioAdmin'],
    keyword: 'cert_check',
    bad: falsy,
    fix: { text: () => 'True' },
  },
  {
    // oVirt SDK: `ovirtsdk4.Connection(url=..., insecure=True)`.
    apis: ['ovirtsdk4.Connection'],
    keyword: 'insecure',
    bad: isTrue,
    fix: { text: () => 'False' },
  },
  {
    // librdkafka's configuration (confluent-kafka `Producer`/`Consumer`/`AdminClient` dictionaries).
    apis: ['confluent_kafka.Producer', 'confluent_kafka.Consumer', 'confluent_kafka.admin.AdminClient'],
    keyword: 'enable.ssl.certificate.verification',
    anyCallee: true,
    bad: falsy,
    fix: { text: () => 'True' },
  },
  {
    // PyMySQL / aiomysql / MySQL Connector/Python: `connect(..., ssl_verify_cert=False)`.
    apis: ['pymysql.connect', 'pymysql.Connect', 'aiomysql.connect', 'aiomysql.create_pool', 'mysql.connector.connect'],
    keyword: 'ssl_verify_cert',
    anyCallee: true,
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

export const detector = defineDetector<ClientOptionState>({
  id: 'python.clients-verify-disabled',
  summary: `Other Python clients' own switches for certificate verification.`,
  docs: `
    Other Python clients' own switches for certificate verification: boto3/botocore \`verify=False\`,
    httplib2 \`disable_ssl_certificate_validation=True\`, Tornado \`validate_cert=False\`, Elasticsearch/OpenSearch
    \`verify_certs=False\`, PyMongo \`tlsAllowInvalidCertificates=True\` / \`tlsInsecure=True\`, hvac and docker
    \`verify=False\`, InfluxDB \`InfluxDBClient(verify_ssl=False)\`, ldap3 \`Tls(validate=ssl.CERT_NONE)\`, Elastic APM \`verify_server_cert=False\`, redis-py \`ssl_cert_reqs="none"\`, pyVmomi
    \`SmartConnect(disableSslCertValidation=True)\`, python-gitlab \`Gitlab(ssl_verify=False)\`, MinIO
    \`Minio(cert_check=False)\`, proxmoxer \`ProxmoxAPI(verify_ssl=False)\`, oVirt \`Connection(insecure=True)\`,
    librdkafka's \`"enable.ssl.certificate.verification": False\` (confluent-kafka), PyMySQL/aiomysql/MySQL
    Connector \`ssl_verify_cert=False\`, Ansible \`open_url(validate_certs=False)\`. The keywords that
    are one library's own word (\`tlsInsecure\`, \`validate_cert\`, \`ssl_cert_reqs\`...) count in any call or
    dictionary (a test's client factory, a wrapper, Tornado's \`defaults=dict(...)\`), unless the same call
    turns TLS off (\`ssl=False\`).
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
    'influxdb_client.InfluxDBClient',
    'ldap3.Tls',
    'pyVim.connect.SmartConnect',
    'gitlab.Gitlab',
    'minio.Minio',
    'ovirtsdk4.Connection',
    'confluent_kafka.Producer',
    'proxmoxer.ProxmoxAPI',
  ],
  // ldap3's keyword is plain `validate`, far too common a word: its module name stands for it.
  tokens: [
    'verify',
    'disable_ssl_certificate_validation',
    'validate_cert',
    'tlsAllowInvalidCertificates',
    'tlsInsecure',
    'ldap3',
    'ssl_cert_reqs',
    'disableSslCertValidation',
    'ssl_verify',
    'cert_check',
    'insecure',
    'enable.ssl.certificate.verification',
  ],
  alsoTokens: [
    'ssl_verify_cert',
    'elasticapm',
    'boto',
    'httplib2',
    'tornado',
    'elasticsearch',
    'opensearchpy',
    'pymongo',
    'motor',
    'hvac',
    'docker',
    'influxdb',
    'ldap3',
    // A library's own keyword names its library.
    'disable_ssl_certificate_validation',
    'validate_cert',
    'tlsAllowInvalidCertificates',
    'tlsInsecure',
    'ssl_cert_reqs',
    'verify_server_cert',
    'pyVim',
    'gitlab',
    'minio',
    'ovirtsdk4',
    'confluent_kafka',
    'proxmoxer',
    'disableSslCertValidation',
    'enable.ssl.certificate.verification',
    'validate_certs',
  ],
  fixAvailability: 'always',
  detect(file, report) {
    for (const hit of clientOptionHits(file, OPTIONS, "the server's certificate is not verified")) report(hit);
    // An Ansible argument spec whose `validate_certs` defaults to False: every task that does not ask
    // for verification runs without it (`validate_certs=dict(type="bool", default=False)`).
    for (const node of nodesAround(file, ['validate_certs'], ['keyword_argument', 'pair'])) {
      const key =
        node.type === 'keyword_argument'
          ? node.childForFieldName('name')?.text
          : stringValue(file, node.childForFieldName('key'));
      const spec = node.childForFieldName('value');
      if (key !== 'validate_certs' || !spec) continue;
      let dflt: Node | null | undefined;
      if (spec.type === 'call' && spec.childForFieldName('function')?.text === 'dict')
        dflt = callArgs(spec).keywords.get('default')?.childForFieldName('value');
      else if (spec.type === 'dictionary')
        dflt = spec.namedChildren
          .find((p) => p?.type === 'pair' && stringValue(file, p.childForFieldName('key')) === 'default')
          ?.childForFieldName('value');
      if (!dflt || valueOf(file, dflt)?.type !== 'false') continue;
      report({
        node,
        message:
          "`validate_certs` defaults to False in the argument spec: the server's certificate is not verified unless the user turns it on.",
        state: { value: dflt, option: ANSIBLE_VALIDATE_CERTS, flowed: true },
      });
    }
  },
  fix: (file, r) => clientOptionFix(file, r.state, 'Verify certificates'),
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
