import type { Node } from 'web-tree-sitter';
import {
  callArgs,
  nameOf,
  removeArgumentEdit,
  stringValue,
  unvendoredName,
  valueOf,
} from '../../engine/languages/python';
import { defineDetector } from '../../engine/detector';
import type { SourceFile } from '../../engine/types';
import { URLLIB3_POOL_DOC_APIS, pinsFingerprint, urllib3PoolCall } from './support/urllib3';

interface State {
  kw?: Node;
  value: Node;
}

function isLiteralFalse(file: SourceFile, node: Node | null | undefined): boolean {
  // urllib3 compares `assert_hostname is False`: other false values (None, '') keep the check.
  return valueOf(file, node)?.type === 'false';
}

export const detector = defineDetector<State>({
  id: 'python.urllib3-assert-hostname',
  summary:
    'urllib3 pools and managers (and requests adapters forwarding to them) built with `assert_hostname=False`, which skips matching the certificate to the host name.',
  docs: `
    urllib3 pools and managers (and requests adapters forwarding to them) built with
    \`assert_hostname=False\`, which skips matching the certificate to the host name.
  `,
  rule: 'hostname-verification-disabled',
  languages: ['python'],
  apis: [...URLLIB3_POOL_DOC_APIS, 'urllib3.connection.HTTPSConnection'],
  tokens: ['assert_hostname'],
  fixAvailability: 'always',
  detect(file, report) {
    for (const call of file.nodes('call')) {
      const kw = callArgs(call).keywords.get('assert_hostname');
      if (!kw) continue;
      const api = urllib3PoolCall(file, call);
      if (!api || pinsFingerprint(file, call)) continue;
      const value = kw?.childForFieldName('value');
      if (kw && value && isLiteralFalse(file, value)) {
        report({
          node: kw,
          message: `\`${api}\` is given \`assert_hostname=False\`: the certificate is not matched to the host name.`,
          state: { kw, value },
        });
      }
    }
    // `pool.assert_hostname = False` on a urllib3 pool or connection (instance or class), and pool keywords
    // built up before the call (`pool_kwargs["assert_hostname"] = False`), unless the same block pins a fingerprint.
    for (const asg of file.nodes('assignment')) {
      const left = asg.childForFieldName('left');
      const right = asg.childForFieldName('right');
      if (left?.type === 'subscript' && right && isLiteralFalse(file, right)) {
        const index = left.childForFieldName('subscript');
        // The same dictionary pinned in the same block (`pool_kwargs["assert_fingerprint"] = fp`).
        const target = left.childForFieldName('value')?.text;
        const pins = [`${target}["assert_fingerprint"]`, `${target}['assert_fingerprint']`];
        const pinned = (asg.parent?.parent?.namedChildren ?? []).some(
          (st) => !!st && pins.some((p) => st.text.startsWith(p)),
        );
        if (index && stringValue(file, index) === 'assert_hostname' && !pinned) {
          report({
            node: asg,
            message: `\`${left.text.length <= 60 ? left.text : 'assert_hostname'}\` is set to False: urllib3 does not match the certificate to the host name.`,
            state: { value: right },
          });
        }
        continue;
      }
      if (
        left?.type !== 'attribute' ||
        left.childForFieldName('attribute')?.text !== 'assert_hostname' ||
        !right ||
        !isLiteralFalse(file, right)
      )
        continue;
      const owner = unvendoredName(nameOf(file, left.childForFieldName('object'), 'reaching'));
      if (owner && owner.startsWith('urllib3.')) {
        report({
          node: asg,
          message: `\`${owner.replace(/\(\)/g, '')}.assert_hostname\` is set to False: certificates are not matched to the host name.`,
          state: { value: right },
        });
      }
    }
  },
  fix(file, r) {
    const { kw, value } = r.state;
    if (kw) {
      return {
        title: 'Match the certificate to the host name (remove `assert_hostname=False`)',
        safety: 'safe',
        edits: [removeArgumentEdit(file, kw)],
      };
    }
    return {
      title: 'Match the certificate to the host name (`assert_hostname = None`)',
      safety: 'safe',
      edits: [{ start: value.startIndex, end: value.endIndex, newText: 'None' }],
    };
  },
  examples: {
    python: {
      bad: `
        import urllib3
        http = urllib3.PoolManager(assert_hostname=False)
      `,
      good: `
        import urllib3
        http = urllib3.PoolManager(assert_hostname="api.example.com")
      `,
    },
  },
});
