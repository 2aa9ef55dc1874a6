import { defineDetector } from '../../engine/detector';
import { ARRAY_ITEM, jsonModel, sameKey, spanOf } from '../../engine/languages/jsonc';
import type { Range } from '../../engine/types';

const KEY = 'DangerousAcceptAnyServerCertificateValidator';

export const detector = defineDetector<{ value: Range; newText: string }>({
  id: 'jsonc.ocelot-accept-any-certificate',
  summary: 'Ocelot routes with `DangerousAcceptAnyServerCertificateValidator: true`.',
  docs: `
    An Ocelot API gateway route (\`ocelot.json\`, \`ocelot.<environment>.json\`, or \`Routes\` in
    \`appsettings*.json\`) with \`"DangerousAcceptAnyServerCertificateValidator": true\`: the gateway
    calls the route's downstream service without verifying its certificate. The fix sets it to \`false\`
    (the default). The key outside a route of \`Routes\` (or the older \`ReRoutes\`), and the value
    \`false\`, are not findings.
  `,
  rule: 'cert-verification-disabled',
  languages: ['json-config'],
  apis: ['Routes[]:DangerousAcceptAnyServerCertificateValidator'],
  tokens: ['AcceptAnyServerCertificateValidator'],
  fixAvailability: 'always',
  detect(file, report) {
    for (const p of jsonModel(file).properties) {
      if (!sameKey(p.key, KEY)) continue;
      const n = p.path.length;
      if (p.path[n - 1] !== ARRAY_ITEM || !(sameKey(p.path[n - 2], 'Routes') || sameKey(p.path[n - 2], 'ReRoutes')))
        continue;
      const v = p.value;
      const isTrue =
        (v.type === 'boolean' && v.value === true) || (v.type === 'string' && /^\s*true\s*$/i.test(String(v.value)));
      if (!isTrue) continue;
      report({
        range: { start: p.keyStart, end: v.offset + v.length },
        message: `\`"${p.key}": ${file.text.slice(v.offset, v.offset + v.length)}\`: the gateway accepts any certificate from this route's downstream service.`,
        state: { value: spanOf(v), newText: v.type === 'string' ? '"false"' : 'false' },
      });
    }
  },
  fix(_file, r) {
    return {
      title: 'Verify the downstream certificate (`DangerousAcceptAnyServerCertificateValidator: false`)',
      safety: 'safe',
      edits: [{ ...r.state.value, newText: r.state.newText }],
    };
  },
  examples: {
    'json-config': {
      bad: `
        {
          "Routes": [
            {
              "DownstreamPathTemplate": "/api/{everything}",
              "DownstreamScheme": "https",
              "DownstreamHostAndPorts": [{ "Host": "orders.internal", "Port": 443 }],
              "UpstreamPathTemplate": "/orders/{everything}",
              "DangerousAcceptAnyServerCertificateValidator": true
            }
          ]
        }
      `,
      good: `
        {
          "Routes": [
            {
              "DownstreamPathTemplate": "/api/{everything}",
              "DownstreamScheme": "https",
              "DownstreamHostAndPorts": [{ "Host": "orders.internal", "Port": 443 }],
              "UpstreamPathTemplate": "/orders/{everything}",
              "DangerousAcceptAnyServerCertificateValidator": false
            }
          ]
        }
      `,
    },
  },
});
