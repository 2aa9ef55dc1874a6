import type { Node } from 'web-tree-sitter';
import { inComparison, plainName } from '../../engine/languages/php';
import { defineDetector } from '../../engine/detector';
import { orChainTop } from '../../engine/syntax';
import type { TextEdit } from '../../engine/types';
import { callerFlag, legacyStreamMethod, optIn } from './support/intent';

const LABEL: Record<string, string> = { SSLv2: 'SSLv2', SSLv3: 'SSLv3', TLSv1_0: 'TLS 1.0', TLSv1_1: 'TLS 1.1' };

function operands(n: Node): Node[] {
  if (n.type === 'binary_expression' && n.childForFieldName('operator')?.text === '|')
    return [...operands(n.childForFieldName('left')!), ...operands(n.childForFieldName('right')!)];
  if (n.type === 'parenthesized_expression' && n.namedChildCount === 1) return operands(n.namedChildren[0]);
  return [n];
}
const isLegacy = (n: Node) => !!legacyStreamMethod(plainName(n));

export const detector = defineDetector<{ node: Node }>({
  id: 'php.stream-crypto-method',
  summary: 'Stream crypto methods pinned to a legacy protocol.',
  docs: `
    Stream crypto methods pinned to a legacy protocol: \`STREAM_CRYPTO_METHOD_SSLv3_CLIENT\`,
    \`..._TLSv1_0_CLIENT\`, \`..._TLSv1_1_SERVER\`... in \`'crypto_method' => ...\` or \`stream_socket_enable_crypto()\`.
  `,
  rule: 'legacy-protocol',
  languages: ['php'],
  apis: ['stream_socket_enable_crypto', 'stream_context_create ssl.crypto_method', 'STREAM_CRYPTO_METHOD_*'],
  tokens: ['STREAM_CRYPTO_METHOD_'],
  fixAvailability: 'always',
  detect(file, report) {
    for (const n of file.nodes('name', 'qualified_name')) {
      if (n.type === 'name' && n.parent?.type === 'qualified_name') continue;
      const m = legacyStreamMethod(plainName(n));
      if (!m || inComparison(n)) continue;
      if (n.parent?.type === 'const_element' || n.parent?.type === 'function_call_expression') continue;
      report({
        node: n,
        message: `\`${plainName(n)}\` pins the stream to ${LABEL[m.version]}: TLS 1.2 is the minimum.`,
        state: { node: n },
        ...optIn(callerFlag(n, true)),
      });
    }
  },
  fix(_file, r) {
    const node = r.state.node;
    const top = orChainTop(node);
    const ops = operands(top);
    const keep = ops.filter((o) => !isLegacy(o));
    const role = /_(CLIENT|SERVER)$/.exec(plainName(node)!)![1];
    if (keep.length === 0 || ops.length === 1) {
      const edits: TextEdit[] = [
        { start: top.startIndex, end: top.endIndex, newText: `STREAM_CRYPTO_METHOD_TLSv1_2_${role}` },
      ];
      return { title: `Use \`STREAM_CRYPTO_METHOD_TLSv1_2_${role}\``, safety: 'safe', edits };
    }
    return {
      title: 'Drop the protocols older than TLS 1.2',
      safety: 'safe',
      edits: [{ start: top.startIndex, end: top.endIndex, newText: keep.map((o) => o.text).join(' | ') }],
    };
  },
  examples: {
    php: {
      bad: `
        <?php
        $ctx = stream_context_create(['ssl' => ['crypto_method' => STREAM_CRYPTO_METHOD_TLSv1_0_CLIENT]]);
      `,
      good: `
        <?php
        $ctx = stream_context_create(['ssl' => ['crypto_method' => STREAM_CRYPTO_METHOD_TLSv1_2_CLIENT]]);
      `,
    },
  },
});
