import type { Node } from 'web-tree-sitter';
import { resolve } from '../../engine/languages/ruby';
import { defineDetector } from '../../engine/detector';
import { optionUses } from './support/options';

/** Options and attributes that take OpenSSL's verify callback (`|preverify_ok, store_context|`). */
const CALLBACKS = ['verify_callback', 'ssl_verify_callback'];

/** The block of `proc { }`, `lambda do end`, `Proc.new { }`, or the body of `->() { }`. */
function callableBody(node: Node): Node | undefined {
  if (node.type === 'lambda') {
    const body = node.childForFieldName('body');
    return body?.childForFieldName('body') ?? body ?? undefined;
  }
  if (node.type !== 'call') return undefined;
  const method = node.childForFieldName('method')?.text;
  const receiver = node.childForFieldName('receiver');
  const maker =
    (!receiver && (method === 'proc' || method === 'lambda')) || (receiver?.text === 'Proc' && method === 'new');
  const block = maker ? node.childForFieldName('block') : null;
  return block?.childForFieldName('body') ?? undefined;
}

/** The last expression a body returns. */
function lastExpression(body: Node): Node | undefined {
  const statements = body.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
  return statements[statements.length - 1];
}

export const detector = defineDetector<{ value: Node }>({
  id: 'ruby.openssl-verify-callback',
  summary: 'A verify callback that accepts every certificate.',
  docs: `
    A verify callback that accepts every certificate: \`ctx.verify_callback = proc { |ok, store| true }\`
    (OpenSSL::SSL::SSLContext, Net::HTTP, HTTPClient's \`ssl_config\`), \`verify_callback: ->(*) { true }\`,
    Excon's \`ssl_verify_callback:\`. OpenSSL calls it with its own verdict (\`preverify_ok\`); returning true
    overrides a failed verification. A callback that returns \`preverify_ok\` (after logging) keeps it.
  `,
  rule: 'cert-verification-disabled',
  languages: ['ruby'],
  apis: ['OpenSSL::SSL::SSLContext#verify_callback=', 'Net::HTTP#verify_callback=', 'Excon ssl_verify_callback:'],
  tokens: ['verify_callback'],
  fixAvailability: 'sometimes',
  detect(file, report) {
    for (const use of optionUses(file, CALLBACKS)) {
      const callable = resolve(file, use.value);
      const body = callable ? callableBody(callable) : undefined;
      const last = body ? lastExpression(body) : undefined;
      if (last?.type !== 'true') continue;
      report({
        node: use.at,
        message: `The verify callback given to \`${use.written.replace(/\s*[=:]$/, '')}\` returns true: every certificate is accepted, whatever OpenSSL's verdict.`,
        state: { value: last },
      });
    }
  },
  fix(_file, r) {
    const v = r.state.value;
    let holder = v.parent;
    while (holder && !holder.childForFieldName('parameters') && holder.type !== 'lambda') holder = holder.parent;
    const params = holder?.childForFieldName('parameters')?.namedChildren ?? [];
    const verdict = params[0]?.type === 'identifier' ? params[0].text : undefined;
    return verdict
      ? {
          title: `Return OpenSSL's verdict (\`${verdict}\`)`,
          safety: 'safe',
          edits: [{ start: v.startIndex, end: v.endIndex, newText: verdict }],
        }
      : undefined;
  },
  examples: {
    ruby: {
      bad: `
        require "openssl"
        ctx = OpenSSL::SSL::SSLContext.new
        ctx.verify_callback = proc { |preverify_ok, store_context| true }
      `,
      good: `
        require "openssl"
        ctx = OpenSSL::SSL::SSLContext.new
        ctx.verify_callback = proc { |preverify_ok, store_context| preverify_ok }
      `,
    },
  },
});
