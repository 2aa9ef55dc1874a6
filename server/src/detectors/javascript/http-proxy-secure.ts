import type { Node } from 'web-tree-sitter';
import {
  flowsInto,
  isFalsyConstant,
  jsNodesAround,
  matchesApi,
  memberName,
  objectMembers,
  unwrap,
} from '../../engine/languages/javascript';
import { defineDetector } from '../../engine/detector';

const PROXY_APIS = [
  'http-proxy.createProxyServer',
  'http-proxy.createServer',
  'http-proxy.createProxy',
  'http-proxy-middleware.createProxyMiddleware',
  'http-proxy-middleware',
  'http-proxy-middleware.legacyCreateProxyMiddleware',
  'express-http-proxy',
  'http-proxy.createProxyServer().web',
  'http-proxy.createProxyServer().ws',
];

interface State {
  value: Node;
  literal: boolean;
}

export const detector = defineDetector<State>({
  id: 'javascript.http-proxy-secure',
  summary:
    'http-proxy / http-proxy-middleware and dev-server proxy tables (webpack, Vite, Angular) with `secure: false`.',
  docs: `
    http-proxy / http-proxy-middleware and dev-server proxy tables (webpack, Vite, Angular) with
    \`secure: false\`: the proxy accepts any certificate from its HTTPS target. \`secure\` is a common key
    (cookies, nodemailer), so only objects shaped as proxy options (with a \`target\`) or passed to a
    proxy API count.
  `,
  rule: 'cert-verification-disabled',
  languages: ['javascript', 'typescript', 'tsx'],
  apis: PROXY_APIS,
  tokens: ['secure'],
  // Proxy options have a `target`; otherwise the object goes to a proxy API, whose name says proxy.
  alsoTokens: ['target', 'proxy', 'Proxy'],
  fixAvailability: 'always',
  detect(file, report) {
    for (const member of jsNodesAround(file, ['secure'], ['pair'])) {
      const obj = member.parent;
      if (obj?.type !== 'object' || memberName(member) !== 'secure') continue;
      const value = member.childForFieldName('value');
      if (!value || !isFalsyConstant(file, value)) continue;
      const consumer = flowsInto(file, obj);
      const api = consumer?.name;
      const hasTarget = objectMembers(file, obj).some((m) => memberName(m) === 'target');
      if (!hasTarget && !matchesApi(api, PROXY_APIS)) continue;
      report({
        node: member,
        message: `${consumer?.shown ? `\`${consumer.shown}\` option ` : 'Proxy option '}\`secure: false\` makes the proxy accept any certificate from its HTTPS target.`,
        state: { value, literal: unwrap(value)?.type !== 'identifier' },
      });
    }
  },
  fix(_file, r) {
    const { value, literal } = r.state;
    return {
      title: 'Verify the target (`secure: true`)',
      safety: literal ? 'safe' : 'unsafe',
      edits: [{ start: value.startIndex, end: value.endIndex, newText: 'true' }],
    };
  },
  examples: {
    javascript: {
      bad: `
        const { createProxyMiddleware } = require('http-proxy-middleware');
        app.use('/api', createProxyMiddleware({ target: 'https://api.internal', secure: false }));
      `,
      good: `
        const { createProxyMiddleware } = require('http-proxy-middleware');
        app.use('/api', createProxyMiddleware({ target: 'https://api.internal', changeOrigin: true }));
      `,
    },
  },
});
