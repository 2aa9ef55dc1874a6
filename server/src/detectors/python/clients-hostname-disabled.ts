import type { Node } from 'web-tree-sitter';
import { isFalse, stringValue, valueOf } from '../../engine/languages/python';
import { defineDetector } from '../../engine/detector';
import { RDKAFKA_ENDPOINT_IDENTIFICATION, endpointIdentificationOff } from '../../engine/kafka-settings';
import type { SourceFile } from '../../engine/types';
import { type ClientOption, type ClientOptionState, clientOptionFix, clientOptionHits } from './support/client-options';

const isTrue = (file: SourceFile, v: Node) => valueOf(file, v)?.type === 'true';

const MONGO_CLIENTS = ['pymongo.MongoClient', 'pymongo.AsyncMongoClient', 'motor.motor_asyncio.AsyncIOMotorClient'];
const REDIS_CLIENTS = ['redis.Redis', 'redis.StrictRedis', 'redis.asyncio.Redis', 'redis.cluster.RedisCluster'];
const MYSQL_CLIENTS = [
  'pymysql.connect',
  'pymysql.Connect',
  'aiomysql.connect',
  'aiomysql.create_pool',
  'mysql.connector.connect',
];

/** Both keywords are their library's own word: they count in any call or option dictionary. */
const OPTIONS: ClientOption[] = [
  {
    apis: MONGO_CLIENTS,
    keyword: 'tlsAllowInvalidHostnames',
    anyCallee: true,
    bad: isTrue,
    fix: { text: () => 'False' },
  },
  {
    apis: REDIS_CLIENTS,
    keyword: 'ssl_check_hostname',
    anyCallee: true,
    bad: (file, v) => isFalse(file, v),
    fix: { text: () => 'True' },
  },
  {
    // PyMySQL/aiomysql's `ssl` dictionary: `ssl={"ca": ca, "check_hostname": False}`.
    apis: MYSQL_CLIENTS,
    keyword: 'ssl',
    bad: (file, v) => {
      // The dictionary itself: one named by a local is reported where it is written.
      if (v.type !== 'dictionary') return false;
      return v.namedChildren.some(
        (pair) =>
          pair?.type === 'pair' &&
          stringValue(file, pair.childForFieldName('key')) === 'check_hostname' &&
          isFalse(file, pair.childForFieldName('value')),
      );
    },
    fix: {
      text: (_file, v) => v.text.replace(/(["']check_hostname["']\s*:\s*)False\b/, '$1True'),
      unsafe: true,
    },
  },
  {
    // librdkafka's configuration (confluent-kafka dictionaries): `"ssl.endpoint.identification.algorithm": "none"`.
    apis: ['confluent_kafka.Producer', 'confluent_kafka.Consumer', 'confluent_kafka.admin.AdminClient'],
    keyword: RDKAFKA_ENDPOINT_IDENTIFICATION,
    anyCallee: true,
    bad: (file, v) => {
      const s = stringValue(file, v);
      return s !== undefined && endpointIdentificationOff(s, true);
    },
    // A certificate that does not name the broker's host then fails the handshake: a review.
    fix: { text: (_file, v) => (v.type === 'string' && v.text.startsWith("'") ? "'https'" : '"https"'), unsafe: true },
  },
  {
    // PyMySQL/aiomysql `ssl_verify_identity=False`.
    apis: MYSQL_CLIENTS,
    keyword: 'ssl_verify_identity',
    anyCallee: true,
    bad: (file, v) => isFalse(file, v),
    fix: { text: () => 'True' },
  },
];

export const detector = defineDetector<ClientOptionState>({
  id: 'python.clients-hostname-disabled',
  summary: `Python clients' own switches for the host-name check: PyMongo \`tlsAllowInvalidHostnames=True\`, redis-py \`ssl_check_hostname=False\`, librdkafka's
    \`"ssl.endpoint.identification.algorithm": "none"\` (confluent-kafka; the fix writes \`"https"\`, unsafe), PyMySQL \`ssl_verify_identity=False\`.`,
  docs: `
    Python clients' own switches for the host-name check: PyMongo and Motor \`tlsAllowInvalidHostnames=True\`,
    redis-py \`ssl_check_hostname=False\`, PyMySQL/aiomysql/MySQL Connector \`ssl_verify_identity=False\` (PyMySQL also \`ssl={"check_hostname": False}\`), also set by key (\`config["ssl_verify_identity"] = False\`). The certificate is still verified, but a certificate for any
    host name is accepted. Each keyword is its library's own word, so it counts in any call or option
    dictionary (a test's client factory, a wrapper), unless the same call turns TLS off (\`ssl=False\`).
  `,
  rule: 'hostname-verification-disabled',
  languages: ['python'],
  apis: [...MONGO_CLIENTS, ...REDIS_CLIENTS, ...MYSQL_CLIENTS],
  tokens: [
    'tlsAllowInvalidHostnames',
    'ssl_check_hostname',
    'ssl_verify_identity',
    'check_hostname',
    'endpoint.identification.algorithm',
  ],
  fixAvailability: 'always',
  detect(file, report) {
    for (const hit of clientOptionHits(file, OPTIONS, 'the certificate is not matched to the host name')) report(hit);
  },
  fix: (file, r) => clientOptionFix(file, r.state, 'Check host names'),
  examples: {
    python: {
      bad: `
        from pymongo import MongoClient
        client = MongoClient("mongodb://db.example.com", tls=True, tlsAllowInvalidHostnames=True)
      `,
      good: `
        from pymongo import MongoClient
        client = MongoClient("mongodb://db.example.com", tls=True)
      `,
    },
  },
});
