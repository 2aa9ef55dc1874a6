import type { Node } from 'web-tree-sitter';
import { argValues, arrayPairs, callName, isTrue, stringValue } from '../../engine/languages/php';
import { defineDetector } from '../../engine/detector';

/** MongoDB URI options (the `$uriOptions` array of `MongoDB\Client` / `MongoDB\Driver\Manager`). */
const MONGODB_KEYS = new Set(['tlsAllowInvalidCertificates', 'sslAllowInvalidCertificates', 'tlsInsecure']);

/** librdkafka's key (php-rdkafka `RdKafka\Conf::set`). */
const RDKAFKA_KEY = 'enable.ssl.certificate.verification';

interface State {
  value: Node;
  secure: string;
}

export const detector = defineDetector<State>({
  id: 'php.driver-verify-option',
  summary: "Database and message-queue drivers' own options that turn certificate verification off.",
  docs: `
    Database and message-queue drivers' own options that turn certificate verification off: the MongoDB
    driver's \`'tlsAllowInvalidCertificates' => true\` / \`'tlsInsecure' => true\` URI options (\`MongoDB\\Client\`,
    \`MongoDB\\Driver\\Manager\`), and php-rdkafka's \`$conf->set('enable.ssl.certificate.verification', 'false')\`.
  `,
  rule: 'cert-verification-disabled',
  languages: ['php'],
  apis: ['MongoDB\\Client', 'MongoDB\\Driver\\Manager', 'RdKafka\\Conf::set'],
  tokens: [...MONGODB_KEYS, RDKAFKA_KEY],
  fixAvailability: 'always',
  detect(file, report) {
    for (const pair of arrayPairs(file)) {
      if (!pair.name || !MONGODB_KEYS.has(pair.name) || !isTrue(file, pair.value)) continue;
      report({
        node: pair.el,
        message: `\`'${pair.name}' => ${pair.value.text}\` makes the MongoDB driver accept any server certificate.`,
        state: { value: pair.value, secure: 'false' },
      });
    }
    for (const call of file.nodes('member_call_expression')) {
      if (callName(call) !== 'set') continue;
      const [key, value] = argValues(call);
      if (stringValue(key) !== RDKAFKA_KEY || !value) continue;
      const text = stringValue(value) ?? value.text;
      if (!/^(false|0)$/i.test(text)) continue;
      report({
        node: call,
        message: `\`set('${RDKAFKA_KEY}', ${value.text})\`: librdkafka accepts any broker certificate.`,
        state: { value, secure: value.type === 'boolean' ? 'true' : "'true'" },
      });
    }
  },
  fix(_file, r) {
    const { value, secure } = r.state;
    return {
      title: `Verify the server certificate (\`${secure}\`)`,
      safety: 'safe',
      edits: [{ start: value.startIndex, end: value.endIndex, newText: secure }],
    };
  },
  examples: {
    php: {
      bad: `
        <?php
        $client = new MongoDB\\Client('mongodb://db.example.com', ['tls' => true, 'tlsAllowInvalidCertificates' => true]);
      `,
      good: `
        <?php
        $client = new MongoDB\\Client('mongodb://db.example.com', ['tls' => true, 'tlsCAFile' => '/etc/ssl/mongo-ca.pem']);
      `,
    },
  },
});
