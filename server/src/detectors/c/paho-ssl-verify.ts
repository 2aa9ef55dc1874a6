import { defineDetector } from '../../engine/detector';
import { offBranches, optionFieldSets, usesPahoSslOptions } from './support/mqtt-ssl-options';
import { selectingCondition } from './support/options';

export const detector = defineDetector({
  id: 'c.paho-ssl-verify',
  summary: "Eclipse Paho MQTT's post-connect host name check turned off (`ssl_opts.verify = 0`).",
  docs: `
    Eclipse Paho MQTT C client options (\`MQTTClient_SSLOptions\`, \`MQTTAsync_SSLOptions\`) whose \`verify\`
    field is set to 0: the client skips its post-connect checks, among them that the server's certificate
    matches the host name, so any valid certificate is accepted for any broker. Written as a field
    (\`ssl_opts.verify = 0\`, \`opts.ssl->verify = insecure ? 0 : 1\`) or in a designated initializer, in a
    file that uses Paho's option types.
  `,
  rule: 'hostname-verification-disabled',
  languages: ['c', 'cpp'],
  apis: ['MQTTClient_SSLOptions.verify', 'MQTTAsync_SSLOptions.verify'],
  tokens: ['_SSLOptions'],
  fixAvailability: 'none',
  detect(file, report) {
    if (!usesPahoSslOptions(file)) return;
    for (const set of optionFieldSets(file, ['verify'])) {
      for (const off of offBranches(file, set.value)) {
        const ternary = off.id !== set.value.id;
        report({
          node: ternary ? off : set.node,
          message:
            "`verify` is set to 0 in the MQTT client's TLS options: the server's certificate is not matched to the host name.",
          flag: ternary ? selectingCondition(off) : undefined,
        });
      }
    }
  },
  examples: {
    c: {
      bad: `
        #include "MQTTClient.h"
        void f(MQTTClient_connectOptions *opts) {
          MQTTClient_SSLOptions ssl_opts = MQTTClient_SSLOptions_initializer;
          ssl_opts.verify = 0;
          opts->ssl = &ssl_opts;
        }
      `,
      good: `
        #include "MQTTClient.h"
        void f(MQTTClient_connectOptions *opts) {
          MQTTClient_SSLOptions ssl_opts = MQTTClient_SSLOptions_initializer;
          ssl_opts.verify = 1;
          opts->ssl = &ssl_opts;
        }
      `,
    },
  },
});
