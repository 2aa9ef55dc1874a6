import type { Node } from 'web-tree-sitter';
import { isFalse, resolve } from '../../engine/languages/ruby';
import { optionUses, optionValues } from './support/options';
import { defineDetector } from '../../engine/detector';

function isZero(node: Node | undefined): boolean {
  return node?.type === 'integer' && (node.text === '0' || node.text === '1');
}

export const detector = defineDetector<{ value: Node; text: string }>({
  id: 'ruby.verify-hostname-false',
  summary: 'Host name checks turned off.',
  docs: `
    Host name checks turned off: \`http.verify_hostname = false\` (Net::HTTP, OpenSSL::SSL::SSLContext),
    \`verify_hostname: false\` options, and Typhoeus/Ethon \`ssl_verifyhost: 0\`, also keyed into an options
    hash (\`req.options[:ssl_verifyhost] = 0\`) and through a local or a ternary branch (\`verify ? 2 : 0\`).
  `,
  rule: 'hostname-verification-disabled',
  languages: ['ruby'],
  apis: ['Net::HTTP#verify_hostname=', 'OpenSSL::SSL::SSLContext#verify_hostname=', 'Typhoeus ssl_verifyhost: 0'],
  tokens: ['verify_hostname', 'ssl_verifyhost'],
  fixAvailability: 'always',
  detect(file, report) {
    for (const use of optionUses(file, ['verify_hostname', 'ssl_verify_hostname', 'ssl_verifyhost'])) {
      const numeric = use.option === 'ssl_verifyhost';
      for (const { value, at } of optionValues(file, use)) {
        if (numeric ? !isZero(resolve(file, value)) : !isFalse(file, value)) continue;
        report({
          node: at,
          message: numeric
            ? `\`${use.written} ${value.text}\` turns the host name check off (2 is the secure value).`
            : `\`${use.written} ${value.text}\` turns the host name check off.`,
          state: { value, text: numeric ? '2' : 'true' },
        });
      }
    }
  },
  fix(_file, r) {
    const s = r.state;
    return {
      title: `Check the host name (\`${s.text}\`)`,
      safety: 'safe',
      edits: [{ start: s.value.startIndex, end: s.value.endIndex, newText: s.text }],
    };
  },
  examples: {
    ruby: {
      bad: `
        require "net/http"
        http = Net::HTTP.new("example.com", 443)
        http.verify_hostname = false
      `,
      good: `
        require "net/http"
        http = Net::HTTP.new("example.com", 443)
        http.verify_hostname = true
      `,
    },
  },
});
