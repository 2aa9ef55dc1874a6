import type { Node } from 'web-tree-sitter';
import { argValues, arrayPairs, callName, isFalsy, keyName, subscriptKeys } from '../../engine/languages/php';
import { defineDetector } from '../../engine/detector';

/** Client setters that turn verification off with a false argument: `setSSLVerification(false)`, `setVerifyPeer(false)`. */
const SETTER = /^set(?:Ssl|SSL|Tls|TLS)?Verif(?:y|ication)(?:Peer|Ssl|SSL|Tls|TLS)?$/;
/** Option keys of SDKs that wrap an HTTP client: `'ssl_verify' => false`, `RequestOptions::SSL_VERIFY => false`. */
const KEY = /(?:^|::)(?:ssl_?verify|verify_?ssl)$/i;

export const detector = defineDetector<{ value: Node }>({
  id: 'php.client-ssl-verification',
  summary: 'SDK client builders and option arrays that turn certificate verification off.',
  docs: `
    SDK client builders and option arrays that turn certificate verification off: Elasticsearch's and
    OpenSearch's \`ClientBuilder::setSSLVerification(false)\`, \`setVerifyPeer(false)\`-style setters, and
    \`'ssl_verify' => false\` / \`'verify_ssl' => false\` / \`RequestOptions::SSL_VERIFY => false\` options
    (also written as \`$config[...] = false\`). WordPress's \`'sslverify'\` is php.wordpress-sslverify's.
  `,
  rule: 'cert-verification-disabled',
  languages: ['php'],
  apis: [
    'Elastic\\Elasticsearch\\ClientBuilder::setSSLVerification',
    'OpenSearch\\ClientBuilder::setSSLVerification',
    "'ssl_verify' => false",
  ],
  tokens: [
    'SSLVerif',
    'SslVerif',
    'TlsVerif',
    'TLSVerif',
    'VerifyPeer',
    'VerifySsl',
    'VerifySSL',
    'ssl_verify',
    'SSL_VERIFY',
    'verify_ssl',
    'VERIFY_SSL',
  ],
  fixAvailability: 'always',
  detect(file, report) {
    for (const type of ['member_call_expression', 'nullsafe_member_call_expression', 'scoped_call_expression']) {
      for (const call of file.nodes(type)) {
        const name = callName(call);
        if (!name || !SETTER.test(name) || !/ssl|tls|peer/i.test(name)) continue;
        const [value] = argValues(call);
        if (!value || value.type === 'null' || !isFalsy(file, value)) continue;
        report({
          node: call.childForFieldName('name') ?? call,
          message: `\`${name}(${value.text})\` turns certificate verification off: any server certificate is accepted.`,
          state: { value },
        });
      }
    }
    for (const pair of arrayPairs(file)) {
      if (
        !pair.name ||
        !KEY.test(pair.name) ||
        /^sslverify$/i.test(pair.name) ||
        pair.value.type === 'null' ||
        !isFalsy(file, pair.value)
      )
        continue;
      report({
        node: pair.el,
        message: `\`${pair.name}\` is set to ${pair.value.text}: the client does not verify the server's certificate.`,
        state: { value: pair.value },
      });
    }
    for (const asg of file.nodes('assignment_expression')) {
      const left = asg.childForFieldName('left');
      const right = asg.childForFieldName('right');
      if (left?.type !== 'subscript_expression' || !right || right.type === 'null' || !isFalsy(file, right)) continue;
      const key = subscriptKeys(left).pop();
      const name = key ? keyName(key) : undefined;
      if (!name || !KEY.test(name)) continue;
      report({
        node: asg,
        message: `\`${name}\` is set to ${right.text}: the client does not verify the server's certificate.`,
        state: { value: right },
      });
    }
  },
  fix(_file, r) {
    const { value } = r.state;
    return {
      title: 'Verify certificates (`true`)',
      safety: value.type === 'boolean' ? 'safe' : 'unsafe',
      edits: [{ start: value.startIndex, end: value.endIndex, newText: 'true' }],
    };
  },
  examples: {
    php: {
      bad: `
        <?php
        $client = ClientBuilder::create()->setHosts(['https://es.example.com:9200'])->setSSLVerification(false)->build();
      `,
      good: `
        <?php
        $client = ClientBuilder::create()->setHosts(['https://es.example.com:9200'])->setCABundle('/etc/ssl/es-ca.pem')->build();
      `,
    },
  },
});
