import type { Node } from 'web-tree-sitter';
import { defineDetector } from '../../engine/detector';
import { RDKAFKA_ENDPOINT_IDENTIFICATION as KEY, endpointIdentificationOff } from '../../engine/kafka-settings';
import { argValues, callName, resolve, stringValue } from '../../engine/languages/php';

export const detector = defineDetector<{ value: Node; literal: boolean }>({
  id: 'php.rdkafka-endpoint-identification',
  summary:
    "php-rdkafka's `$conf->set('ssl.endpoint.identification.algorithm', 'none')`, which turns librdkafka's broker host name check off.",
  docs: `
    librdkafka checks that the broker's certificate names its host unless
    \`ssl.endpoint.identification.algorithm\` is \`none\` (or empty). In PHP it is set on php-rdkafka's
    \`RdKafka\\Conf\` (\`$conf->set('ssl.endpoint.identification.algorithm', 'none')\`, the value also through a
    constant of the file), as Python's and Go's confluent-kafka clients are read. The certificate is still
    verified, but one for any host name is accepted. The fix writes \`'https'\` (unsafe: a certificate that does
    not name the broker's host then fails the handshake).
  `,
  rule: 'hostname-verification-disabled',
  languages: ['php'],
  apis: ['RdKafka\\Conf::set'],
  tokens: [KEY],
  fixAvailability: 'sometimes',
  detect(file, report) {
    for (const call of file.nodes('member_call_expression', 'nullsafe_member_call_expression')) {
      if (callName(call) !== 'set') continue;
      const [key, value] = argValues(call);
      if (!value || stringValue(resolve(file, key) ?? key) !== KEY) continue;
      const literal = stringValue(value);
      const text = literal ?? stringValue(resolve(file, value));
      if (text === undefined || !endpointIdentificationOff(text, true)) continue;
      report({
        node: call,
        message: `\`set('${KEY}', ${value.text})\`: librdkafka does not check that the broker's certificate names its host.`,
        state: { value, literal: literal !== undefined },
      });
    }
  },
  fix(_file, r) {
    const { value, literal } = r.state;
    if (!literal) return undefined;
    const q = value.text.startsWith('"') ? '"' : "'";
    return {
      title: 'Check the broker host name (`https`)',
      safety: 'unsafe',
      edits: [{ start: value.startIndex, end: value.endIndex, newText: `${q}https${q}` }],
    };
  },
  examples: {
    php: {
      bad: `
        <?php
        $conf = new RdKafka\\Conf();
        $conf->set('security.protocol', 'ssl');
        $conf->set('ssl.endpoint.identification.algorithm', 'none');
      `,
      good: `
        <?php
        $conf = new RdKafka\\Conf();
        $conf->set('security.protocol', 'ssl');
        $conf->set('ssl.endpoint.identification.algorithm', 'https');
      `,
    },
  },
});
