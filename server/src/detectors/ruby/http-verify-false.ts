import type { Node } from 'web-tree-sitter';
import { flagValue } from '../../engine/intent';
import { enclosingCall, isFalse, outerPair, pairKey, symbolName } from '../../engine/languages/ruby';
import { optionUses, optionValues } from './support/options';
import { defineDetector } from '../../engine/detector';
import type { SourceFile } from '../../engine/types';

/** Keys specific enough to mean TLS verification wherever they appear. */
const SPECIFIC = [
  'ssl_verify_peer',
  'verify_ssl',
  'ssl_verifypeer',
  'verify_peer',
  'ssl_verify',
  'ssl_verify_certificate',
];
/** `verify:` only counts in an `ssl:` hash or on a call to a known HTTP library. */
const SSL_HASH_KEYS = ['ssl', 'ssl_options', 'tls', 'ssl_context_options'];
const LIBS = /^(::)?(HTTParty|Faraday|Excon|RestClient|HTTPClient|Typhoeus|HTTP|Net::HTTP|Savon|Mechanize)\b/;

const HTTPARTY_METHODS = [
  'get',
  'post',
  'put',
  'patch',
  'delete',
  'head',
  'options',
  'update',
  'merge!',
  'default_options',
];

/** HTTParty's request options, the keys of a hash that `verify:` is one of. */
const HTTPARTY_OPTIONS = new Set([
  'base_uri',
  'basic_auth',
  'body',
  'ciphers',
  'connection_adapter',
  'cookies',
  'debug_output',
  'default_timeout',
  'digest_auth',
  'follow_redirects',
  'format',
  'headers',
  'http_proxyaddr',
  'http_proxyport',
  'limit',
  'local_host',
  'logger',
  'maintain_method_across_redirects',
  'no_follow',
  'open_timeout',
  'p12',
  'p12_password',
  'parser',
  'pem',
  'pem_password',
  'query',
  'read_timeout',
  'ssl_ca_file',
  'ssl_ca_path',
  'ssl_version',
  'stream_body',
  'timeout',
  'verify',
  'verify_peer',
  'write_timeout',
]);

/**
 * In code that uses HTTParty, a hash of its request options handed to anything: every key is an
 * HTTParty option, and there are two or more of them or the hash goes to a helper of the code's own
 * (a call with no receiver, `ssl_verify_test(..., verify: false)`). `JWT.decode(t, nil, verify: false)` is not.
 */
function httpartyOptions(pair: Node, call: Node | undefined): boolean {
  const keys = (pair.parent?.namedChildren ?? []).filter((c): c is Node => c?.type === 'pair').map((p) => pairKey(p));
  if (!keys.every((k) => k !== undefined && HTTPARTY_OPTIONS.has(k))) return false;
  return keys.length >= 2 || (!!call && !call.childForFieldName('receiver'));
}

function verifyInContext(file: SourceFile, pair: Node): boolean {
  const outer = outerPair(pair);
  if (outer && SSL_HASH_KEYS.includes(pairKey(outer) ?? '')) return true;
  const call = enclosingCall(pair);
  if (file.memo('ruby.usesHTTParty', () => /\bHTTParty\b/.test(file.text)) && httpartyOptions(pair, call)) return true;
  if (!call) return false;
  const receiver = call.childForFieldName('receiver');
  if (receiver && LIBS.test(receiver.text)) return true;
  // In a class that includes HTTParty, `get(url, verify: false)` and `default_options.update(verify: false)`.
  const method = call.childForFieldName('method')?.text ?? '';
  return (
    file.memo('ruby.includesHTTParty', () => /\binclude\s+HTTParty\b/.test(file.text)) &&
    HTTPARTY_METHODS.includes(method) &&
    (!receiver ||
      receiver.text === 'self' ||
      receiver.text === 'default_options' ||
      /^(self\.)?class$/.test(receiver.text))
  );
}

export const detector = defineDetector<{ value: Node; branch?: boolean }>({
  id: 'ruby.http-verify-false',
  summary: 'HTTP client options that turn certificate verification off.',
  docs: `
    HTTP client options that turn certificate verification off: Faraday \`ssl: { verify: false }\` and
    \`conn.ssl.verify = false\`, HTTParty \`verify: false\`, Excon \`ssl_verify_peer: false\`, RestClient
    \`verify_ssl: false\`, Typhoeus/Ethon \`ssl_verifypeer: false\`, em-http and Bunny \`verify_peer: false\`, also when
    the value is a ternary's branch, a local assigned before, or an RSpec \`let(:verify_peer) { false }\`.
  `,
  rule: 'cert-verification-disabled',
  languages: ['ruby'],
  apis: [
    'Faraday ssl: { verify: false }',
    'Faraday::Connection#ssl.verify=',
    'HTTParty verify: false',
    'Excon ssl_verify_peer: false',
    'RestClient verify_ssl: false',
    'Typhoeus ssl_verifypeer: false',
  ],
  tokens: ['verify'],
  fixAvailability: 'always',
  detect(file, report) {
    // `ssl_verifypeer: verify ? true : false`, also through a local assigned once: reported at the false
    // branch, whose condition reads as the caller's flag (the written-as-false forms follow).
    // RSpec's `let(:verify_peer) { false }` read as `verify_peer: verify_peer`: reported at the `let`, once.
    const seen = new Set<number>();
    for (const use of optionUses(file, SPECIFIC)) {
      for (const { value, at, let: fromLet } of optionValues(file, use)) {
        if (at.id === use.at.id || !isFalse(file, value) || seen.has(at.id)) continue;
        seen.add(at.id);
        report({
          node: at,
          message: fromLet
            ? `\`let(:${use.value.text}) { ${value.text} }\` reaches \`${use.written} ${use.value.text}\`: certificate verification is turned off.`
            : `\`${use.written} ${use.value.text}\` turns certificate verification off when it is ${value.text}.`,
          state: { value, branch: true },
        });
      }
    }
    for (const pair of file.nodes('pair')) {
      const key = pairKey(pair);
      const value = pair.childForFieldName('value');
      if (!key || !value) continue;
      // `ssl: { verify: !boolify(options['disable_ssl_verification']) }`: a caller's setting, an opt-in path.
      const flag = isFalse(file, value) ? undefined : flagValue(value, false);
      if (!flag && !isFalse(file, value)) continue;
      if (SPECIFIC.includes(key) || (key === 'verify' && verifyInContext(file, pair))) {
        report({
          node: pair,
          message: flag
            ? `\`${key}: ${value.text.length <= 60 ? value.text : 'false'}\` turns certificate verification off when \`${flag.text}\` is set.`
            : `\`${key}: false\` turns certificate verification off.`,
          state: { value, branch: !!flag },
          flag,
        });
      }
    }
    for (const asg of file.nodes('assignment')) {
      const left = asg.childForFieldName('left');
      const right = asg.childForFieldName('right');
      if (!left || !right || !isFalse(file, right)) continue;
      if (left.type === 'call') {
        // conn.ssl.verify = false, http.ssl_config.verify = false?, client.verify_ssl = false
        const method = left.childForFieldName('method')?.text ?? '';
        const receiver = left.childForFieldName('receiver');
        const onSsl =
          receiver?.type === 'call' && SSL_HASH_KEYS.includes(receiver.childForFieldName('method')?.text ?? '');
        if ((method === 'verify' && onSsl) || SPECIFIC.includes(method)) {
          report({
            node: asg,
            message: `\`${left.text} = false\` turns certificate verification off.`,
            state: { value: right },
          });
        }
      } else if (left.type === 'element_reference') {
        // Excon.defaults[:ssl_verify_peer] = false, conn.ssl[:verify] = false
        const key = symbolName(left.namedChildren[1]);
        const object = left.childForFieldName('object');
        const onSsl = object?.type === 'call' && SSL_HASH_KEYS.includes(object.childForFieldName('method')?.text ?? '');
        if ((key && SPECIFIC.includes(key)) || (key === 'verify' && onSsl)) {
          report({
            node: asg,
            message: `\`${left.text} = false\` turns certificate verification off.`,
            state: { value: right },
          });
        }
      }
    }
  },
  fix(_file, r) {
    const v = r.state.value;
    return {
      title: 'Verify certificates (`true`)',
      // A ternary's branch: the other branch says the caller chose; the change needs review.
      safety: r.state.branch ? 'unsafe' : 'safe',
      edits: [{ start: v.startIndex, end: v.endIndex, newText: 'true' }],
    };
  },
  examples: {
    ruby: {
      bad: `
        require "faraday"
        conn = Faraday.new("https://example.com", ssl: { verify: false })
      `,
      good: `
        require "faraday"
        conn = Faraday.new("https://example.com", ssl: { verify: true })
      `,
    },
  },
});
