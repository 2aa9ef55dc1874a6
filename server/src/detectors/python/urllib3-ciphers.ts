import type { Node } from 'web-tree-sitter';
import { describeWeakness, MOZILLA_INTERMEDIATE_CIPHERS } from '../../engine/ciphers';
import { callArgs, matchesApi, nameOf, unvendoredName } from '../../engine/languages/python';
import { defineDetector } from '../../engine/detector';
import { cipherFix, weakCipherArgument, type WeakCiphers } from './support/ciphers';

const CALLS: Record<string, number> = {
  'urllib3.util.create_urllib3_context': 3,
  'urllib3.util.ssl_.create_urllib3_context': 3,
  'urllib3.util.ssl_wrap_socket': 10,
  'urllib3.util.ssl_.ssl_wrap_socket': 10,
};
const DEFAULT_CIPHERS = ['urllib3.util.ssl_.DEFAULT_CIPHERS', 'urllib3.util.DEFAULT_CIPHERS'];

interface State {
  weak: WeakCiphers;
  prefix: string;
}

export const detector = defineDetector<State>({
  id: 'python.urllib3-ciphers',
  summary: 'urllib3 contexts and its module-wide default given a weak cipher string.',
  docs: `
    urllib3 contexts and its module-wide default given a weak cipher string: \`create_urllib3_context(ciphers=...)\`,
    \`ssl_wrap_socket(ciphers=...)\` and \`urllib3.util.ssl_.DEFAULT_CIPHERS = / += ...\` (also through requests' vendored copy).
  `,
  rule: 'weak-cipher',
  languages: ['python'],
  apis: [
    'urllib3.util.ssl_.create_urllib3_context',
    'urllib3.util.ssl_.ssl_wrap_socket',
    'urllib3.util.ssl_.DEFAULT_CIPHERS',
  ],
  tokens: ['ciphers', 'CIPHERS'],
  alsoTokens: ['urllib3'],
  fixAvailability: 'sometimes',
  detect(file, report) {
    for (const call of file.nodes('call')) {
      const args = callArgs(call);
      if (!args.keywords.has('ciphers') && args.positional.length < 4) continue;
      const name = unvendoredName(nameOf(file, call.childForFieldName('function'), 'reaching'));
      if (!name || !matchesApi(name, Object.keys(CALLS))) continue;
      const arg: Node | undefined =
        args.keywords.get('ciphers')?.childForFieldName('value') ?? args.positional[CALLS[name]];
      const weak = arg ? weakCipherArgument(file, arg) : undefined;
      if (!arg || !weak) continue;
      report({
        node: arg,
        message: `\`${name}\` is given a cipher string with weak suites (${describeWeakness(weak.reasons)}).`,
        state: { weak, prefix: '' },
      });
    }
    for (const asg of file.nodes('assignment', 'augmented_assignment')) {
      const left = asg.childForFieldName('left');
      const right = asg.childForFieldName('right');
      // The target's own name, not what an assignment to it holds.
      const owner = left?.type === 'attribute' ? nameOf(file, left.childForFieldName('object'), 'reaching') : undefined;
      const target = owner ? unvendoredName(`${owner}.${left!.childForFieldName('attribute')!.text}`) : undefined;
      if (!right || !target || !DEFAULT_CIPHERS.includes(target)) continue;
      const augmented = asg.type === 'augmented_assignment';
      if (augmented && asg.childForFieldName('operator')?.text !== '+=') continue;
      // `+=` appends to urllib3's own (strong) default.
      const prefix = augmented ? MOZILLA_INTERMEDIATE_CIPHERS : '';
      const weak = weakCipherArgument(file, right, prefix);
      if (!weak) continue;
      report({
        node: right,
        message: `urllib3's \`DEFAULT_CIPHERS\` is ${augmented ? 'extended with' : 'set to'} weak suites (${describeWeakness(weak.reasons)}).`,
        state: { weak, prefix },
      });
    }
  },
  fix(_file, r) {
    const { weak, prefix } = r.state;
    return cipherFix(weak, prefix);
  },
  examples: {
    python: {
      bad: `
        from urllib3.util.ssl_ import create_urllib3_context
        ctx = create_urllib3_context(ciphers="RC4-SHA:AES128-SHA")
      `,
      good: `
        from urllib3.util.ssl_ import create_urllib3_context
        ctx = create_urllib3_context(ciphers="ECDHE+AESGCM:!aNULL")
      `,
    },
  },
});
