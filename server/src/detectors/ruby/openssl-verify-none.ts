import type { Node } from 'web-tree-sitter';
import { inComparison, pairKey, scopedName, symbolName } from '../../engine/languages/ruby';
import { defineDetector } from '../../engine/detector';
import { onServer, onlyTested } from './support/effect';

const VERIFY_MODE_KEYS = ['verify_mode', 'ssl_verify_mode', 'openssl_verify_mode'];

export const detector = defineDetector<{ node: Node; text: string }>({
  id: 'ruby.openssl-verify-none',
  summary: '`OpenSSL::SSL::VERIFY_NONE` used as a value anywhere.',
  docs: `
    \`OpenSSL::SSL::VERIFY_NONE\` used as a value anywhere: \`http.verify_mode = ...\`, \`ssl: { verify_mode: ... }\`,
    RestClient's \`verify_ssl:\`, HTTPClient's \`ssl_config.verify_mode\`, Savon's \`ssl_verify_mode: :none\`.
    Not on a server's context (\`SSLServer.new(tcp, ctx)\`, WEBrick's \`:SSLVerifyClient\`), where it only means
    that no client certificate is asked for, nor in a local that is only ever tested.
  `,
  rule: 'cert-verification-disabled',
  languages: ['ruby'],
  apis: [
    'OpenSSL::SSL::VERIFY_NONE',
    'Net::HTTP#verify_mode=',
    'OpenSSL::SSL::SSLContext#verify_mode=',
    'Savon ssl_verify_mode: :none',
    'HTTPI ssl.verify_mode = :none',
  ],
  tokens: ['VERIFY_NONE', 'verify_mode'],
  fixAvailability: 'always',
  detect(file, report) {
    for (const node of file.nodes('scope_resolution')) {
      if (node.parent?.type === 'scope_resolution' && node.parent.childForFieldName('scope')?.id === node.id) continue;
      const name = scopedName(node);
      // `SSL::VERIFY_NONE` after `include OpenSSL` names the same constant.
      const viaInclude = name === 'SSL::VERIFY_NONE' && /\binclude\s+(::)?OpenSSL\b/.test(file.text);
      if ((name !== 'OpenSSL::SSL::VERIFY_NONE' && !viaInclude) || inComparison(node)) continue;
      // `OpenSSL::SSL::VERIFY_NONE = ...` redefines the constant; the value side is what we flag.
      const p = node.parent;
      if (p?.type === 'assignment' && p.childForFieldName('left')?.id === node.id) continue;
      if (onServer(file, node) || onlyTested(node)) continue;
      const nameNode = node.childForFieldName('name')!;
      report({
        node,
        message: '`OpenSSL::SSL::VERIFY_NONE` turns certificate verification off.',
        state: { node: nameNode, text: 'VERIFY_PEER' },
      });
    }
    // `include OpenSSL::SSL` brings the bare constant into scope.
    if (/\binclude\s+(::)?OpenSSL::SSL\b/.test(file.text)) {
      for (const node of file.nodes('constant')) {
        if (node.text !== 'VERIFY_NONE' || node.parent?.type === 'scope_resolution' || inComparison(node)) continue;
        if (onServer(file, node) || onlyTested(node)) continue;
        report({
          node,
          message: '`VERIFY_NONE` (OpenSSL::SSL) turns certificate verification off.',
          state: { node, text: 'VERIFY_PEER' },
        });
      }
    }
    // Savon / HTTPI / ActionMailer spell it as a symbol or string: `ssl_verify_mode: :none`,
    // `request.auth.ssl.verify_mode = :none`, `openssl_verify_mode: 'none'`.
    for (const pair of file.nodes('pair')) {
      const value = pair.childForFieldName('value');
      if (
        VERIFY_MODE_KEYS.includes(pairKey(pair) ?? '') &&
        value &&
        (value.type === 'simple_symbol' || value.type === 'string') &&
        symbolName(value) === 'none'
      ) {
        report({
          node: pair,
          message: `\`${pairKey(pair)}: ${value.text}\` turns certificate verification off.`,
          state: { node: value, text: value.type === 'string' ? value.text.replace('none', 'peer') : ':peer' },
        });
      }
    }
    // Savon's globals DSL and HTTPI setters as calls: `globals.ssl_verify_mode(:none)`, `ssl_verify_mode :none`.
    for (const call of file.nodes('call')) {
      const method = call.childForFieldName('method')?.text ?? '';
      if (!VERIFY_MODE_KEYS.includes(method)) continue;
      const args = call.childForFieldName('arguments')?.namedChildren.filter((a): a is Node => !!a) ?? [];
      const value = args.length === 1 ? args[0] : undefined;
      if (!value || (value.type !== 'simple_symbol' && value.type !== 'string') || symbolName(value) !== 'none')
        continue;
      report({
        node: call.childForFieldName('receiver') ? (call.childForFieldName('method') ?? call) : call,
        message: `\`${method}(${value.text})\` turns certificate verification off.`,
        state: { node: value, text: value.type === 'string' ? value.text.replace('none', 'peer') : ':peer' },
      });
    }
    for (const asg of file.nodes('assignment')) {
      const left = asg.childForFieldName('left');
      const right = asg.childForFieldName('right');
      if (
        left?.type === 'call' &&
        VERIFY_MODE_KEYS.includes(left.childForFieldName('method')?.text ?? '') &&
        right &&
        (right.type === 'simple_symbol' || right.type === 'string') &&
        symbolName(right) === 'none'
      ) {
        report({
          node: asg,
          message: `\`${left.text} = ${right.text}\` turns certificate verification off.`,
          state: { node: right, text: right.type === 'string' ? right.text.replace('none', 'peer') : ':peer' },
        });
      }
    }
  },
  fix(file, r) {
    const s = r.state;
    // A bare `OpenSSL::SSL::VERIFY_PEER` on a context built by hand has no trust store and checks no host
    // name: safe only when Net::HTTP or `set_params` (default store, host-name check) is in sight.
    const constant = !s.text.includes('peer');
    const idiom =
      !constant ||
      file.nodes('scope_resolution').some((n) => scopedName(n) === 'Net::HTTP') ||
      file.nodes('call').some((c) => c.childForFieldName('method')?.text === 'set_params');
    return {
      title: `Verify certificates (\`${s.text}\`)`,
      safety: idiom ? 'safe' : 'unsafe',
      edits: [{ start: s.node.startIndex, end: s.node.endIndex, newText: s.text }],
    };
  },
  examples: {
    ruby: {
      bad: `
        require "net/http"
        http = Net::HTTP.new("example.com", 443)
        http.use_ssl = true
        http.verify_mode = OpenSSL::SSL::VERIFY_NONE
      `,
      good: `
        require "net/http"
        http = Net::HTTP.new("example.com", 443)
        http.use_ssl = true
        http.verify_mode = OpenSSL::SSL::VERIFY_PEER
      `,
    },
  },
});
