import type { Node } from 'web-tree-sitter';
import { nameOf, nodesAround, pythonModel, valueOf } from '../../engine/languages/python';
import { defineDetector } from '../../engine/detector';
import { SINCE_SSL3, legacyLabels } from '../../engine/protocols';
import type { SourceFile } from '../../engine/types';

const LEGACY: Record<string, string> = {
  ...legacyLabels((v) => `ssl.TLSVersion.${v.stem}`, 'label', SINCE_SSL3),
  'ssl.TLSVersion.MINIMUM_SUPPORTED': 'the oldest version OpenSSL supports',
};

function versionName(file: SourceFile, node: Node): string | undefined {
  const n = nameOf(file, node, 'ssl') ?? nameOf(file, valueOf(file, node), 'ssl');
  return n && LEGACY[n] ? n : undefined;
}

export const detector = defineDetector<{ value: Node; floor: boolean }>({
  id: 'python.ssl-tls-version',
  summary:
    '`ctx.minimum_version` set to a legacy floor (SSLv3, TLSv1, TLSv1_1, MINIMUM_SUPPORTED) and `ctx.maximum_version` set to a legacy ceiling.',
  docs: `
    \`ctx.minimum_version\` set to a legacy floor (SSLv3, TLSv1, TLSv1_1, MINIMUM_SUPPORTED) and
    \`ctx.maximum_version\` set to a legacy ceiling.
  `,
  rule: 'legacy-protocol',
  languages: ['python'],
  apis: ['ssl.SSLContext.minimum_version', 'ssl.SSLContext.maximum_version', 'ssl.TLSVersion'],
  tokens: ['minimum_version', 'maximum_version'],
  fixAvailability: 'always',
  detect(file, report) {
    for (const asg of nodesAround(file, ['minimum_version', 'maximum_version'], ['assignment'])) {
      const left = asg.childForFieldName('left');
      const right = asg.childForFieldName('right');
      const attr = left?.type === 'attribute' ? left.childForFieldName('attribute')?.text : undefined;
      if ((attr !== 'minimum_version' && attr !== 'maximum_version') || !right) continue;
      const name = versionName(file, right);
      if (!name) continue;
      // Another library's object with the same attribute (a resolved name outside ssl) is not ours.
      const owner = nameOf(file, left!.childForFieldName('object'));
      if (owner && !owner.startsWith('ssl.')) continue;
      const floor = attr === 'minimum_version';
      report({
        node: asg,
        message: floor
          ? `\`SSLContext.minimum_version\` is set to \`${name}\`: ${LEGACY[name]} is allowed; the floor should be TLS 1.2.`
          : `\`SSLContext.maximum_version\` is set to \`${name}\`: the connection cannot use anything newer than ${LEGACY[name]}.`,
        state: { value: right, floor },
      });
    }
  },
  fix(file, r) {
    const { value, floor } = r.state;
    const member = floor ? 'TLSv1_2' : 'MAXIMUM_SUPPORTED';
    let newText: string;
    if (value.type === 'attribute' && nameOf(file, value.childForFieldName('object'), 'ssl') === 'ssl.TLSVersion') {
      newText = `${value.childForFieldName('object')!.text}.${member}`;
    } else {
      newText =
        pythonModel(file).spellingOf(`ssl.TLSVersion.${member}`) ??
        (pythonModel(file).starImports.has('ssl') ? `TLSVersion.${member}` : `ssl.TLSVersion.${member}`);
    }
    return {
      title: floor
        ? 'Require TLS 1.2 or later (`minimum_version = TLSVersion.TLSv1_2`)'
        : 'Lift the ceiling (`maximum_version = TLSVersion.MAXIMUM_SUPPORTED`)',
      safety: 'safe',
      edits: [{ start: value.startIndex, end: value.endIndex, newText }],
    };
  },
  examples: {
    python: {
      bad: `
        import ssl
        ctx = ssl.create_default_context()
        ctx.minimum_version = ssl.TLSVersion.TLSv1
      `,
      good: `
        import ssl
        ctx = ssl.create_default_context()
        ctx.minimum_version = ssl.TLSVersion.TLSv1_2
      `,
    },
  },
});
