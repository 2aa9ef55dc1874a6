import type { Node } from 'web-tree-sitter';
import { analyzeCipherString, describeWeakness, intermediateCiphersFix } from '../../engine/ciphers';
import { args, callName, callsNamed, constants, intValue, valueText } from '../../engine/languages/c';
import { defineDetector } from '../../engine/detector';
import type { SourceFile } from '../../engine/types';
import { optionFieldSets } from './support/mqtt-ssl-options';

const OPENSSL = ['SSL_CTX_set_cipher_list', 'SSL_set_cipher_list'];
const CURL = ['CURLOPT_SSL_CIPHER_LIST', 'CURLOPT_PROXY_SSL_CIPHER_LIST'];

/** The text of a C string expression: a literal, adjacent literals, or a macro/const naming one. */
function stringOf(file: SourceFile, node: Node | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'string_literal')
    return node.namedChildren
      .filter((c) => c?.type === 'string_content')
      .map((c) => c.text)
      .join('');
  if (node.type === 'concatenated_string') {
    const parts = node.namedChildren.map((c) => (c ? stringOf(file, c) : undefined));
    return parts.every((p) => p !== undefined) ? parts.join('') : undefined;
  }
  if (node.type === 'identifier') {
    const v = constants(file).get(node.text);
    if (v && /^"/.test(v)) {
      const pieces = quotedPieces(v);
      return pieces.length ? pieces.join('') : undefined;
    }
  }
  return undefined;
}

/**
 * The insides of the double-quoted pieces of a C string (`"HIGH:" "!aNULL"`), escapes kept. A scan
 * rather than /"((?:[^"\\]|\\.)*)"/g, which retried from every quote of an unclosed string (quadratic);
 * stops at an unclosed piece.
 */
function quotedPieces(v: string): string[] {
  const pieces: string[] = [];
  let i = v.indexOf('"');
  while (i >= 0) {
    let j = i + 1;
    while (j < v.length && v[j] !== '"') {
      if (v[j] !== '\\') j++;
      else if (j + 1 < v.length && !'\n\r\u2028\u2029'.includes(v[j + 1])) j += 2;
      else return pieces;
    }
    if (j >= v.length) return pieces;
    pieces.push(v.slice(i + 1, j));
    i = v.indexOf('"', j + 1);
  }
  return pieces;
}

const SECURITY_LEVEL = ['SSL_CTX_set_security_level', 'SSL_set_security_level'];

export const detector = defineDetector<{ node: Node; literal: boolean; text?: string }>({
  id: 'c.openssl-cipher-list',
  summary:
    'Weak cipher strings given to OpenSSL (`SSL_CTX_set_cipher_list`, `SSL_set_cipher_list`) or libcurl (`CURLOPT_SSL_CIPHER_LIST`), evaluated the way OpenSSL evaluates them (`ALL`, `RC4-SHA`, `HIGH:MEDIUM`...).',
  docs: `
    Weak cipher strings given to OpenSSL (\`SSL_CTX_set_cipher_list\`, \`SSL_set_cipher_list\`) or libcurl
    (\`CURLOPT_SSL_CIPHER_LIST\`), evaluated the way OpenSSL evaluates them (\`ALL\`, \`RC4-SHA\`, \`HIGH:MEDIUM\`...);
    also Eclipse Paho MQTT's \`ssl_opts.enabledCipherSuites = "aNULL"\`, which the client hands to OpenSSL.
  `,
  rule: 'weak-cipher',
  languages: ['c', 'cpp'],
  apis: [
    'SSL_CTX_set_cipher_list',
    'SSL_set_cipher_list',
    'curl_easy_setopt(CURLOPT_SSL_CIPHER_LIST)',
    'SSL_CTX_set_security_level',
    'MQTTClient_SSLOptions.enabledCipherSuites',
  ],
  tokens: ['_cipher_list', 'CIPHER_LIST', '_security_level', 'enabledCipherSuites'],
  fixAvailability: 'sometimes',
  detect(file, report) {
    // Security level 0 lifts every restriction: NULL, export and RC4 suites and any key size come back.
    for (const call of callsNamed(file, SECURITY_LEVEL)) {
      const level = args(call)[1];
      if (level && intValue(valueText(file, level)) === 0) {
        report({
          node: level,
          message: `\`${callName(call)}\` is set to 0: every cipher suite and key size the library has is allowed.`,
          state: { node: level, literal: false, text: '2' },
        });
      }
    }
    // Eclipse Paho's `ssl_opts.enabledCipherSuites = "aNULL"`: given to SSL_CTX_set_cipher_list as written.
    for (const set of optionFieldSets(file, ['enabledCipherSuites'])) {
      const text = stringOf(file, set.value);
      if (text === undefined) continue;
      const analysis = analyzeCipherString(text);
      if (analysis.reasons.length === 0) continue;
      report({
        node: set.value,
        message: `The cipher list set in \`enabledCipherSuites\` enables weak suites (${describeWeakness(analysis.reasons)}).`,
        state: { node: set.value, literal: set.value.type === 'string_literal' },
      });
    }
    for (const call of callsNamed(file, [...OPENSSL, 'curl_easy_setopt', 'set_cipher_list'])) {
      const name = callName(call);
      const a = args(call);
      let value: Node | undefined;
      let api = name;
      if (name && OPENSSL.includes(name)) value = a[1];
      else if ((name === 'curl_easy_setopt' || name === 'set_cipher_list') && a.length >= 3) {
        const opt = valueText(file, a[1]);
        if (opt && CURL.includes(opt)) {
          value = a[2];
          api = opt;
        }
      } else if (name === 'set_cipher_list' && a.length === 1) value = a[0];
      const text = stringOf(file, value);
      if (!value || text === undefined) continue;
      const analysis = analyzeCipherString(text);
      if (analysis.reasons.length === 0) continue;
      report({
        node: value,
        message: `The cipher list given to \`${api}\` enables weak suites (${describeWeakness(analysis.reasons)}).`,
        state: { node: value, literal: value.type === 'string_literal' || value.type === 'concatenated_string' },
      });
    }
  },
  fix(_file, r) {
    const s = r.state;
    if (s.text)
      return {
        title: `Use security level ${s.text} (112-bit security, no SHA-1 or RC4)`,
        safety: 'unsafe',
        edits: [{ start: s.node.startIndex, end: s.node.endIndex, newText: s.text }],
      };
    if (!s.literal) return undefined;
    return intermediateCiphersFix(s.node, '"');
  },
  examples: {
    c: {
      bad: `
        #include <openssl/ssl.h>
        void f(SSL_CTX *ctx) { SSL_CTX_set_cipher_list(ctx, "ALL"); }
      `,
      good: `
        #include <openssl/ssl.h>
        void f(SSL_CTX *ctx) { SSL_CTX_set_cipher_list(ctx, "HIGH:!aNULL:!MD5"); }
      `,
    },
  },
});
