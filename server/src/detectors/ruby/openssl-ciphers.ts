import type { Node } from 'web-tree-sitter';
import { analyzeCipherString, describeWeakness, intermediateCiphersFix } from '../../engine/ciphers';
import { literalText, pairKey, resolve } from '../../engine/languages/ruby';
import { defineDetector } from '../../engine/detector';
import { optionUses } from './support/options';
import type { SourceFile } from '../../engine/types';

const KEYS = ['ciphers', 'ssl_ciphers', 'ssl_cipher_list', 'cipher_list'];

function stringOf(node: Node | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'string') return literalText(node);
  if (node.type === 'array' || node.type === 'string_array') {
    const parts = node.namedChildren
      .filter((c) => c && c.type !== 'comment')
      .map((c) => (c.type === 'bare_string' ? c.text : stringOf(c)));
    return parts.every((p) => p !== undefined) ? parts.join(':') : undefined;
  }
  return undefined;
}

function check(
  file: SourceFile,
  at: Node,
  value: Node | null | undefined,
  what: string,
  report: (r: { node: Node; message: string; state: { node: Node } | undefined }) => void,
): void {
  const v = resolve(file, value);
  const text = stringOf(v);
  if (!v || !value || text === undefined) return;
  const analysis = analyzeCipherString(text);
  if (analysis.reasons.length === 0) return;
  // A list held in a local is reported where it is written: that is the line to change.
  const local = value.type === 'identifier' && v.id !== value.id;
  report({
    node: local ? v : at,
    message: local
      ? `\`${value.text}\`, passed as ${what}, enables weak cipher suites (${describeWeakness(analysis.reasons)}).`
      : `${what} enables weak cipher suites (${describeWeakness(analysis.reasons)}).`,
    state: v.id === value.id || local ? { node: v } : undefined,
  });
}

export const detector = defineDetector<{ node: Node } | undefined>({
  id: 'ruby.openssl-ciphers',
  summary: 'Weak cipher lists in Ruby.',
  docs: `
    Weak cipher lists in Ruby: \`ctx.ciphers = "..."\` (OpenSSL::SSL::SSLContext, Net::HTTP), \`ciphers:\` in
    \`set_params\`, HTTParty, Faraday \`ssl: { ciphers: ... }\`, Excon \`ciphers:\`; strings or arrays of suite names.
  `,
  rule: 'weak-cipher',
  languages: ['ruby'],
  apis: [
    'OpenSSL::SSL::SSLContext#ciphers=',
    'Net::HTTP#ciphers=',
    'OpenSSL::SSL::SSLContext#set_params(ciphers:)',
    'Faraday ssl: { ciphers: }',
  ],
  tokens: ['cipher'],
  fixAvailability: 'sometimes',
  detect(file, report) {
    for (const asg of file.nodes('assignment')) {
      const left = asg.childForFieldName('left');
      if (left?.type === 'call' && KEYS.includes(left.childForFieldName('method')?.text ?? ''))
        check(file, asg, asg.childForFieldName('right'), `\`${left.text} =\``, report);
    }
    // `OpenSSL::SSL::SSLContext::DEFAULT_PARAMS[:ciphers] = "..."`, `opts[:ssl_ciphers] = "..."`.
    for (const use of optionUses(file, KEYS)) {
      if (use.at.type === 'assignment' && use.at.childForFieldName('left')?.type === 'element_reference')
        check(file, use.at, use.value, `\`${use.written}\``, report);
    }
    for (const pair of file.nodes('pair')) {
      const key = pairKey(pair);
      if (key && KEYS.includes(key)) check(file, pair, pair.childForFieldName('value'), `\`${key}:\``, report);
    }
  },
  fix(_file, r) {
    const n = r.state?.node;
    if (!n) return undefined;
    return intermediateCiphersFix(n, '"');
  },
  examples: {
    ruby: {
      bad: `
        require "openssl"
        ctx = OpenSSL::SSL::SSLContext.new
        ctx.ciphers = "ALL"
      `,
      good: `
        require "openssl"
        ctx = OpenSSL::SSL::SSLContext.new
        ctx.ciphers = "HIGH:!aNULL:!MD5"
      `,
    },
  },
});
