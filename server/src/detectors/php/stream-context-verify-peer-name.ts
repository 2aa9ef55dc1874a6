import type { Node } from 'web-tree-sitter';
import { isFalsy } from '../../engine/languages/php';
import { defineDetector } from '../../engine/detector';
import { contextOptionUses, optionValues } from './support/options';
import { callerFlag, optIn } from './support/intent';

export const detector = defineDetector<{ value: Node }>({
  id: 'php.stream-context-verify-peer-name',
  summary: 'Host name checks turned off in stream contexts and Symfony HttpClient.',
  docs: `
    Host name checks turned off in stream contexts and Symfony HttpClient: \`'verify_peer_name' => false\`,
    \`'verify_host' => false\`, \`$options['ssl']['verify_peer_name'] = false\`,
    \`stream_context_set_option($ctx, 'ssl', 'verify_peer_name', false)\`, Laminas' \`'sslverifypeername' => false\`,
    and setters named for the option (php-mqtt's \`->setTlsVerifyPeerName(false)\`).
  `,
  rule: 'hostname-verification-disabled',
  languages: ['php'],
  apis: [
    'stream_context_create ssl.verify_peer_name',
    'stream_context_set_option',
    'Symfony HttpClient verify_host',
    'PhpMqtt\\Client\\ConnectionSettings::setTlsVerifyPeerName',
  ],
  tokens: ['verify_peer_name', 'verify_host', 'sslverifypeername', 'VerifyPeerName'],
  fixAvailability: 'always',
  detect(file, report) {
    for (const use of contextOptionUses(file, ['verify_peer_name', 'verify_host', 'sslverifypeername'])) {
      for (const { value, at: node } of optionValues(file, use)) {
        if (!isFalsy(file, value)) continue;
        report({
          node,
          message: use.written
            ? `\`${use.written}\` is called with ${value.text}: the certificate is not matched to the host name.`
            : `\`${use.option}\` is set to ${value.text}: the certificate is not matched to the host name.`,
          state: { value },
          ...optIn(callerFlag(node, false)),
        });
      }
    }
  },
  fix(_file, r) {
    const v = r.state.value;
    return {
      title: 'Check the host name (`true`)',
      safety: 'safe',
      edits: [{ start: v.startIndex, end: v.endIndex, newText: 'true' }],
    };
  },
  examples: {
    php: {
      bad: `
        <?php
        $ctx = stream_context_create(['ssl' => ['verify_peer_name' => false]]);
      `,
      good: `
        <?php
        $ctx = stream_context_create(['ssl' => ['verify_peer_name' => true]]);
      `,
    },
  },
});
