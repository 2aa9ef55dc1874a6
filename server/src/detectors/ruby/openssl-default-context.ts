import type { Node } from 'web-tree-sitter';
import { scopeOf, scopedName } from '../../engine/languages/ruby';
import { defineDetector } from '../../engine/detector';

/** `unless \`opts.empty?\`` for a modifier condition, shortened. */
function conditionText(modifier: Node): string {
  const keyword = modifier.type === 'unless_modifier' ? 'unless' : 'if';
  const cond = modifier.childForFieldName('condition')?.text.replace(/\s+/g, ' ') ?? '';
  return cond && cond.length <= 40 ? `${keyword} \`${cond}\`` : `under an \`${keyword}\``;
}

export const detector = defineDetector<{ asg: Node | undefined }>({
  id: 'ruby.openssl-default-context',
  summary: '`OpenSSL::SSL::SSLContext.new` used for a client socket without `set_params` or a `verify_mode`.',
  docs: `
    \`OpenSSL::SSL::SSLContext.new\` used for a client socket without \`set_params\` or a \`verify_mode\`: Ruby's
    bare context keeps OpenSSL's \`VERIFY_NONE\` (only \`set_params\` applies \`DEFAULT_PARAMS\`). Also when the
    context's own \`set_params\` only runs under a modifier condition (\`ctx.set_params(opts) unless opts.empty?\`):
    the other path, often the default one, stays unverified.
  `,
  rule: 'insecure-default-context',
  languages: ['ruby'],
  apis: ['OpenSSL::SSL::SSLContext.new', 'OpenSSL::SSL::SSLSocket#connect', 'OpenSSL::SSL::SSLContext#set_params'],
  tokens: ['SSLContext'],
  fixAvailability: 'sometimes',
  detect(file, report) {
    // Only where the context is tightened nowhere and a client socket connects with it. A `set_params`
    // that only runs under a modifier condition (`ctx.set_params(opts) unless opts.empty?`) leaves the
    // other path, often the default one, with VERIFY_NONE.
    if (
      /\bverify_mode\s*=|\bverify_mode:/.test(file.text) ||
      !/SSLSocket/.test(file.text) ||
      !/\.connect\b/.test(file.text)
    )
      return;
    const setParams = /\bset_params\b/.test(file.text)
      ? file.nodes('call').filter((c) => c.childForFieldName('method')?.text === 'set_params')
      : [];
    if (/\bset_params\b/.test(file.text) && setParams.length === 0) return;
    const guarded = (c: Node) =>
      /^(if|unless)_modifier$/.test(c.parent?.type ?? '') && c.parent!.namedChild(0)?.id === c.id;
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
      // With `set_params` in the file, only a context whose own `set_params` calls all sit under a condition.
      let conditional: Node | undefined;
      if (setParams.length > 0) {
        const name = asg?.childForFieldName('left')!.text;
        const scope = asg ? scopeOf(asg) : undefined;
        const own = setParams.filter(
          (c) =>
            c.childForFieldName('receiver')?.text === name &&
            !!scope &&
            c.startIndex >= scope.startIndex &&
            c.endIndex <= scope.endIndex,
        );
        if (own.length === 0 || !own.every(guarded)) continue;
        conditional = own[0].parent!;
      }
      report({
        node: call,
        message: conditional
          ? `\`OpenSSL::SSL::SSLContext.new\` keeps \`VERIFY_NONE\` when its \`set_params\` is skipped (it only runs ${conditionText(conditional)}): the server's certificate is then not verified.`
          : "`OpenSSL::SSL::SSLContext.new` without `set_params` or `verify_mode` keeps `VERIFY_NONE`: the server's certificate is not verified.",
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
