import type { Node } from 'web-tree-sitter';
import { isFalse, pairKey, resolve } from '../../engine/languages/ruby';
import { defineDetector } from '../../engine/detector';

function isZero(node: Node | undefined): boolean {
  return node?.type === 'integer' && (node.text === '0' || node.text === '1');
}

export const detector = defineDetector<{ value: Node; text: string }>({
  id: 'ruby.verify-hostname-false',
  summary: 'Host name checks turned off.',
  docs: `
    Host name checks turned off: \`http.verify_hostname = false\` (Net::HTTP, OpenSSL::SSL::SSLContext),
    \`verify_hostname: false\` options, and Typhoeus/Ethon \`ssl_verifyhost: 0\`.
  `,
  rule: 'hostname-verification-disabled',
  languages: ['ruby'],
  apis: ['Net::HTTP#verify_hostname=', 'OpenSSL::SSL::SSLContext#verify_hostname=', 'Typhoeus ssl_verifyhost: 0'],
  tokens: ['verify_hostname', 'ssl_verifyhost'],
  fixAvailability: 'always',
  detect(file, report) {
    for (const pair of file.nodes('pair')) {
      const key = pairKey(pair);
      const value = pair.childForFieldName('value');
      if (!value) continue;
      if ((key === 'verify_hostname' || key === 'ssl_verify_hostname') && isFalse(file, value)) {
        report({
          node: pair,
          message: `\`${key}: false\` turns the host name check off.`,
          state: { value, text: 'true' },
        });
      } else if (key === 'ssl_verifyhost' && isZero(resolve(file, value))) {
        report({
          node: pair,
          message: `\`ssl_verifyhost: ${value.text}\` turns the host name check off (2 is the secure value).`,
          state: { value, text: '2' },
        });
      }
    }
    for (const asg of file.nodes('assignment')) {
      const left = asg.childForFieldName('left');
      const right = asg.childForFieldName('right');
      if (
        left?.type === 'call' &&
        left.childForFieldName('method')?.text === 'verify_hostname' &&
        isFalse(file, right)
      ) {
        report({
          node: asg,
          message: `\`${left.text} = false\` turns the host name check off.`,
          state: { value: right!, text: 'true' },
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
