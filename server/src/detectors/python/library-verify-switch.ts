import type { Node } from 'web-tree-sitter';
import { isFalsy, nameOf } from '../../engine/languages/python';
import { defineDetector } from '../../engine/detector';

/** Module-level switches: the qualified attribute a library reads for every connection it makes. */
const MODULE_SWITCHES = new Set(['libcloud.security.VERIFY_SSL_CERT']);

/** Configuration objects whose `verify_ssl` attribute the generated API clients read. */
const CONFIGURATION = /^kubernetes(_asyncio)?\.client\.(configuration\.)?Configuration(\.get_default_copy)?\(\)/;

export const detector = defineDetector<{ value: Node }>({
  id: 'python.library-verify-switch',
  summary: 'Library-wide switches that turn certificate verification off by assignment.',
  docs: `
    Library-wide switches that turn certificate verification off by assignment: Apache Libcloud's
    \`libcloud.security.VERIFY_SSL_CERT = False\` (every driver of the process), and the
    \`verify_ssl = False\` attribute of a Kubernetes client \`Configuration\`. Names resolve through imports
    and aliases (\`import libcloud.security as sec\`).
  `,
  rule: 'cert-verification-disabled',
  languages: ['python'],
  apis: ['libcloud.security.VERIFY_SSL_CERT', 'kubernetes.client.Configuration.verify_ssl'],
  tokens: ['VERIFY_SSL_CERT', 'verify_ssl'],
  alsoTokens: ['libcloud', 'kubernetes'],
  fixAvailability: 'always',
  detect(file, report) {
    for (const asg of file.nodes('assignment')) {
      const left = asg.childForFieldName('left');
      const right = asg.childForFieldName('right');
      if (left?.type !== 'attribute' || !right || !isFalsy(file, right)) continue;
      const attribute = left.childForFieldName('attribute')?.text;
      if (attribute === 'VERIFY_SSL_CERT') {
        const name = nameOf(file, left, 'direct');
        if (!name || !MODULE_SWITCHES.has(name)) continue;
        report({
          node: asg,
          message: `\`${name} = ${right.text}\` turns certificate verification off for every connection the library makes.`,
          state: { value: right },
        });
      } else if (attribute === 'verify_ssl') {
        const owner = nameOf(file, left.childForFieldName('object'), 'reaching');
        if (!owner || !CONFIGURATION.test(owner)) continue;
        report({
          node: asg,
          message: `The Kubernetes client \`Configuration.verify_ssl\` is set to \`${right.text}\`: the API server's certificate is not verified.`,
          state: { value: right },
        });
      }
    }
  },
  fix(_file, r) {
    const { value } = r.state;
    return {
      title: 'Verify certificates (`True`)',
      safety: 'safe',
      edits: [{ start: value.startIndex, end: value.endIndex, newText: 'True' }],
    };
  },
  examples: {
    python: {
      bad: `
        import libcloud.security
        libcloud.security.VERIFY_SSL_CERT = False
      `,
      good: `
        import libcloud.security
        libcloud.security.CA_CERTS_PATH = ["/etc/ssl/certs/internal-ca.pem"]
      `,
    },
  },
});
