import type { Node } from 'web-tree-sitter';
import { callArgs, isFalse, kwValue, nameOf, nodesAround, removeArgumentEdit } from '../../engine/languages/python';
import { defineDetector } from '../../engine/detector';

const HTTPS_CONNECTIONS = ['http.client.HTTPSConnection', 'httplib.HTTPSConnection'];

export const detector = defineDetector<{ kw: Node }>({
  id: 'python.stdlib-check-hostname',
  summary: '`http.client.HTTPSConnection(..., check_hostname=False)`.',
  docs: `
    \`http.client.HTTPSConnection(..., check_hostname=False)\`: the connection's context stops matching the
    certificate to the host name (the parameter itself was removed in Python 3.12).
  `,
  rule: 'hostname-verification-disabled',
  languages: ['python'],
  apis: HTTPS_CONNECTIONS,
  tokens: ['check_hostname'],
  alsoTokens: ['HTTPSConnection'],
  fixAvailability: 'always',
  detect(file, report) {
    // The calls that pass `check_hostname=` (the innermost call around the keyword's name).
    for (const call of nodesAround(file, ['check_hostname'], ['call'])) {
      const name = nameOf(file, call.childForFieldName('function'), 'ssl');
      if (!name || !HTTPS_CONNECTIONS.includes(name)) continue;
      const kw = callArgs(call).keywords.get('check_hostname');
      if (kw && isFalse(file, kwValue(kw))) {
        report({
          node: kw,
          message: `\`${name}\` is called with \`check_hostname=False\`: the certificate is not matched to the host name.`,
          state: { kw },
        });
      }
    }
  },
  fix(file, r) {
    const kw = r.state.kw;
    return {
      title: 'Remove `check_hostname=False` (the default context checks host names)',
      safety: 'safe',
      edits: [removeArgumentEdit(file, kw)],
    };
  },
  examples: {
    python: {
      bad: `
        import http.client
        conn = http.client.HTTPSConnection("example.com", check_hostname=False)
      `,
      good: `
        import http.client
        conn = http.client.HTTPSConnection("example.com")
      `,
    },
  },
});
