import type { Node } from 'web-tree-sitter';
import { nameOf } from '../../engine/languages/python';
import { defineDetector } from '../../engine/detector';

export const detector = defineDetector<{ left: Node; right: Node }>({
  id: 'python.ssl-default-https-context',
  summary: '`ssl._create_default_https_context = ssl._create_unverified_context`.',
  docs: `
    \`ssl._create_default_https_context = ssl._create_unverified_context\`: turns certificate verification off
    for every urllib, http.client and xmlrpc HTTPS connection of the process.
  `,
  rule: 'cert-verification-disabled',
  languages: ['python'],
  apis: ['ssl._create_default_https_context'],
  tokens: ['_create_default_https_context'],
  fixAvailability: 'always',
  detect(file, report) {
    for (const asg of file.nodes('assignment')) {
      const left = asg.childForFieldName('left');
      const right = asg.childForFieldName('right');
      if (left?.type !== 'attribute' || !right || nameOf(file, left, 'direct') !== 'ssl._create_default_https_context')
        continue;
      if (nameOf(file, right, 'ssl') === 'ssl.create_default_context') continue;
      report({
        node: asg,
        message:
          '`ssl._create_default_https_context` is replaced: every urllib and http.client HTTPS connection of the process may skip certificate verification.',
        state: { left, right },
      });
    }
  },
  fix(_file, r) {
    const { left, right } = r.state;
    return {
      title: 'Restore the default (`ssl.create_default_context`)',
      safety: 'safe',
      edits: [
        {
          start: right.startIndex,
          end: right.endIndex,
          newText: `${left.childForFieldName('object')!.text}.create_default_context`,
        },
      ],
    };
  },
  examples: {
    python: {
      bad: `
        import ssl
        ssl._create_default_https_context = ssl._create_unverified_context
      `,
      good: `
        import ssl
        context = ssl.create_default_context()
      `,
    },
  },
});
