import type { Node } from 'web-tree-sitter';
import { scopedName } from '../../engine/languages/ruby';
import { defineDetector } from '../../engine/detector';

export const detector = defineDetector<{ asg: Node | undefined }>({
  id: 'ruby.openssl-default-context',
  summary: '`OpenSSL::SSL::SSLContext.new` used for a client socket without `set_params` or a `verify_mode`.',
  docs: `
    \`OpenSSL::SSL::SSLContext.new\` used for a client socket without \`set_params\` or a \`verify_mode\`: Ruby's
    bare context keeps OpenSSL's \`VERIFY_NONE\` (only \`set_params\` applies \`DEFAULT_PARAMS\`).
  `,
  rule: 'insecure-default-context',
  languages: ['ruby'],
  apis: ['OpenSSL::SSL::SSLContext.new', 'OpenSSL::SSL::SSLSocket#connect', 'OpenSSL::SSL::SSLContext#set_params'],
  tokens: ['SSLContext'],
  fixAvailability: 'sometimes',
  detect(file, report) {
    // Only where the context is tightened nowhere and a client socket connects with it.
    if (
      /\bset_params\b|\bverify_mode\s*=|\bverify_mode:/.test(file.text) ||
      !/SSLSocket/.test(file.text) ||
      !/\.connect\b/.test(file.text)
    )
      return;
    for (const call of file.nodes('call')) {
      if (
        call.childForFieldName('method')?.text !== 'new' ||
        scopedName(call.childForFieldName('receiver')) !== 'OpenSSL::SSL::SSLContext'
      )
        continue;
      const asg =
        call.parent?.type === 'assignment' && call.parent.childForFieldName('left')?.type === 'identifier'
          ? call.parent
          : undefined;
      report({
        node: call,
        message:
          "`OpenSSL::SSL::SSLContext.new` without `set_params` or `verify_mode` keeps `VERIFY_NONE`: the server's certificate is not verified.",
        state: { asg },
      });
    }
  },
  fix(file, r) {
    const asg = r.state?.asg;
    if (
      !asg ||
      (asg.parent?.type !== 'program' &&
        asg.parent?.type !== 'body_statement' &&
        asg.parent?.type !== 'block_body' &&
        asg.parent?.type !== 'do_block')
    )
      return undefined;
    const name = asg.childForFieldName('left')!.text;
    const lineStart = file.text.lastIndexOf('\n', asg.startIndex - 1) + 1;
    let end = lineStart;
    while (file.text[end] === ' ' || file.text[end] === '\t') end++;
    const indent = file.text.slice(lineStart, end);
    return {
      title: 'Apply the default secure parameters (`set_params`: VERIFY_PEER, host name check, default CA store)',
      safety: 'unsafe',
      edits: [
        {
          start: asg.endIndex,
          end: asg.endIndex,
          newText: `\n${indent}${name}.set_params(verify_mode: OpenSSL::SSL::VERIFY_PEER)`,
        },
      ],
    };
  },
  examples: {
    ruby: {
      bad: `
        require "socket"
        require "openssl"
        ctx = OpenSSL::SSL::SSLContext.new
        ssl = OpenSSL::SSL::SSLSocket.new(TCPSocket.new("example.com", 443), ctx)
        ssl.connect
      `,
      good: `
        require "socket"
        require "openssl"
        ctx = OpenSSL::SSL::SSLContext.new
        ctx.set_params(verify_mode: OpenSSL::SSL::VERIFY_PEER)
        ssl = OpenSSL::SSL::SSLSocket.new(TCPSocket.new("example.com", 443), ctx)
        ssl.connect
      `,
    },
  },
});
