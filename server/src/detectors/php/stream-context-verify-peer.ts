import type { Node } from 'web-tree-sitter';
import { isFalsy, isTrue } from '../../engine/languages/php';
import { defineDetector } from '../../engine/detector';
import { contextOptionUses, optionValues } from './support/options';
import { callerFlag, optIn } from './support/intent';

/** Option name -> whether the insecure value is the falsy one, and the secure replacement. */
const OPTIONS: Record<string, { insecure: 'falsy' | 'true'; secure: string; what: string }> = {
  verify_peer: { insecure: 'falsy', secure: 'true', what: "the peer's certificate is not verified" },
  allow_self_signed: { insecure: 'true', secure: 'false', what: 'self-signed certificates are accepted' },
  // Laminas (Zend) HTTP client's socket adapter spells them without underscores.
  sslverifypeer: { insecure: 'falsy', secure: 'true', what: "the peer's certificate is not verified" },
  sslallowselfsigned: { insecure: 'true', secure: 'false', what: 'self-signed certificates are accepted' },
};

export const detector = defineDetector<{ value: Node; text: string }>({
  id: 'php.stream-context-verify-peer',
  summary: 'Stream-context (and Symfony HttpClient) options that turn certificate verification off.',
  docs: `
    Stream-context (and Symfony HttpClient) options that turn certificate verification off:
    \`'verify_peer' => false\`, \`'allow_self_signed' => true\`, \`$options['ssl']['verify_peer'] = false\` on an
    options array built up before it is handed over, \`stream_context_set_option($ctx, 'ssl', 'verify_peer', false)\`,
    the Laminas (Zend) HTTP client's \`'sslverifypeer' => false\` / \`'sslallowselfsigned' => true\`, and setters
    named for the options (php-mqtt's \`->setTlsVerifyPeer(false)\`, \`->setTlsSelfSignedAllowed(true)\`).
  `,
  rule: 'cert-verification-disabled',
  languages: ['php'],
  apis: [
    'stream_context_create ssl.verify_peer',
    'stream_context_set_option',
    'ssl.allow_self_signed',
    'Symfony HttpClient verify_peer',
    'Laminas\\Http\\Client sslverifypeer',
    'PhpMqtt\\Client\\ConnectionSettings::setTlsVerifyPeer',
  ],
  // `VerifyPeer`/`SelfSigned`: the setters named for them (`->setTlsVerifyPeer(false)`).
  tokens: ['verify_peer', 'allow_self_signed', 'sslverifypeer', 'sslallowselfsigned', 'VerifyPeer', 'SelfSigned'],
  fixAvailability: 'always',
  detect(file, report) {
    for (const use of contextOptionUses(file, Object.keys(OPTIONS))) {
      const o = OPTIONS[use.option];
      for (const { value, at: node } of optionValues(file, use)) {
        const bad = o.insecure === 'falsy' ? isFalsy(file, value) : isTrue(file, value);
        if (!bad) continue;
        report({
          node,
          message: use.written
            ? `\`${use.written}\` is called with ${value.text}: ${o.what}.`
            : `\`${use.option}\` is set to ${value.text}: ${o.what}.`,
          state: { value, text: o.secure },
          ...optIn(callerFlag(node, false)),
        });
      }
    }
  },
  fix(_file, r) {
    const s = r.state;
    return {
      title: `Verify certificates (\`${s.text}\`)`,
      safety: 'safe',
      edits: [{ start: s.value.startIndex, end: s.value.endIndex, newText: s.text }],
    };
  },
  examples: {
    php: {
      bad: `
        <?php
        $ctx = stream_context_create(['ssl' => ['verify_peer' => false]]);
      `,
      good: `
        <?php
        $ctx = stream_context_create(['ssl' => ['verify_peer' => true]]);
      `,
    },
  },
});
