import type { Node } from 'web-tree-sitter';
import { defineDetector } from '../../engine/detector';
import { RDKAFKA_ENDPOINT_IDENTIFICATION as KEY, endpointIdentificationOff } from '../../engine/kafka-settings';
import { args, callsMatching, valueText } from '../../engine/languages/c';
import { branches, selectingCondition } from './support/options';

/** The content of a plain C string literal as written (`"none"` → `none`), else undefined. */
function cString(text: string | undefined): string | undefined {
  const m = text === undefined ? null : /^"([^"\\]*)"$/.exec(text);
  return m ? m[1] : undefined;
}

export const detector = defineDetector<{ value: Node }>({
  id: 'c.rdkafka-endpoint-identification',
  summary:
    'librdkafka\'s `rd_kafka_conf_set(conf, "ssl.endpoint.identification.algorithm", "none", ...)` (C++ `conf->set(...)`), which turns the broker host name check off.',
  docs: `
    librdkafka checks that the broker's certificate names its host unless
    \`ssl.endpoint.identification.algorithm\` is \`none\` (or empty). In C it is set with
    \`rd_kafka_conf_set(conf, "ssl.endpoint.identification.algorithm", "none", errstr, sizeof(errstr))\`, in C++ with
    \`RdKafka::Conf::set(...)\` (the value also through a macro or constant of the file), as Python's and Go's
    confluent-kafka clients are read. A ternary whose branch is \`"none"\` is reported at that branch as an opt-in
    path. The certificate is still verified, but one for any host name is accepted. The fix writes \`"https"\`
    (unsafe: a certificate that does not name the broker's host then fails the handshake).
  `,
  rule: 'hostname-verification-disabled',
  languages: ['c', 'cpp'],
  apis: ['rd_kafka_conf_set(ssl.endpoint.identification.algorithm)', 'RdKafka::Conf::set'],
  tokens: [KEY],
  fixAvailability: 'sometimes',
  detect(file, report) {
    for (const call of callsMatching(file, /(^|_)set$/)) {
      const a = args(call);
      const k = a.findIndex((x) => cString(valueText(file, x)) === KEY);
      const v = k >= 0 ? a[k + 1] : undefined;
      if (!v) continue;
      for (const off of branches(v)) {
        const s = cString(valueText(file, off));
        if (s === undefined || !endpointIdentificationOff(s, true)) continue;
        report({
          node: off,
          message: `librdkafka's \`${KEY}\` is set to ${off.text}: the broker's certificate is not matched to its host name.`,
          flag: selectingCondition(off),
          state: { value: off },
        });
      }
    }
  },
  fix(_file, r) {
    const v = r.state.value;
    if (v.type !== 'string_literal') return undefined;
    return {
      title: 'Check the broker host name (`"https"`)',
      safety: 'unsafe',
      edits: [{ start: v.startIndex, end: v.endIndex, newText: '"https"' }],
    };
  },
  examples: {
    c: {
      bad: `
        #include <librdkafka/rdkafka.h>

        void configure(rd_kafka_conf_t *conf, char *errstr, size_t size) {
            rd_kafka_conf_set(conf, "ssl.endpoint.identification.algorithm", "none", errstr, size);
        }
      `,
      good: `
        #include <librdkafka/rdkafka.h>

        void configure(rd_kafka_conf_t *conf, char *errstr, size_t size) {
            rd_kafka_conf_set(conf, "ssl.endpoint.identification.algorithm", "https", errstr, size);
        }
      `,
    },
  },
});
