import { defineDetector } from '../../engine/detector';
import { isPlaceholder, jsonModel, sameKey, spanOf } from '../../engine/languages/jsonc';
import type { Range } from '../../engine/types';

const KEY = 'DangerousAcceptAnyServerCertificate';

/**
 * A per-environment file for local development (`appsettings.Development.json`, `appsettings.Local.json`):
 * the setting there is usually what a developer chose for a self-signed local certificate, so its fix is
 * offered for review only.
 */
function isDevelopmentFile(path: string): boolean {
  return /(^|[/\\])appsettings\.(development|dev|local)\.json$/i.test(path);
}

interface State {
  value: Range;
  newText: string;
}

export const detector = defineDetector<State | undefined>({
  id: 'jsonc.yarp-accept-any-certificate',
  summary: 'YARP clusters whose `HttpClient` sets `DangerousAcceptAnyServerCertificate: true`.',
  docs: `
    A YARP (ASP.NET Core reverse proxy) cluster's \`HttpClient\` section in \`appsettings*.json\` with
    \`"DangerousAcceptAnyServerCertificate": true\`: the proxy forwards to its destinations without
    verifying their certificates, so anyone on the path can impersonate them. The fix sets it to \`false\`
    (the default); in \`appsettings.Development.json\` (a developer's local, often self-signed, setup) the
    fix is offered for review only. A value a deployment fills in (\`"#{AcceptAnyCert}#"\`,
    \`"\${ACCEPT_ANY}"\`) is no constant: reported as an opt-in path. The same key in a comment, in a
    description string or outside an \`HttpClient\` section is not read.
  `,
  rule: 'cert-verification-disabled',
  languages: ['json-config'],
  apis: ['ReverseProxy:Clusters:<id>:HttpClient:DangerousAcceptAnyServerCertificate'],
  tokens: ['angerousAcceptAnyServerCertificate'],
  fixAvailability: 'sometimes',
  detect(file, report) {
    for (const p of jsonModel(file).properties) {
      if (!sameKey(p.key, KEY) || !sameKey(p.path[p.path.length - 1], 'HttpClient')) continue;
      const v = p.value;
      const range = { start: p.keyStart, end: v.offset + v.length };
      const shown = `"${p.key}": ${file.text.slice(v.offset, v.offset + v.length)}`;
      const message = `\`${shown}\`: the proxy accepts any certificate from its destinations, so anyone on the path can impersonate them.`;
      if (v.type === 'boolean' && v.value === true) {
        report({ range, message, state: { value: spanOf(v), newText: 'false' } });
      } else if (v.type === 'string' && /^\s*true\s*$/i.test(String(v.value))) {
        // The configuration binder reads "true" as true.
        report({ range, message, state: { value: spanOf(v), newText: '"false"' } });
      } else if (v.type === 'string' && isPlaceholder(String(v.value))) {
        report({ range, message, flag: spanOf(v), state: undefined });
      }
    }
  },
  fix(file, r) {
    if (!r.state) return undefined;
    return {
      title: 'Verify the destinations\u2019 certificates (`DangerousAcceptAnyServerCertificate: false`)',
      safety: isDevelopmentFile(file.path) ? 'unsafe' : 'safe',
      edits: [{ ...r.state.value, newText: r.state.newText }],
    };
  },
  examples: {
    'json-config': {
      bad: `
        {
          "ReverseProxy": {
            "Clusters": {
              "backend": {
                "HttpClient": { "DangerousAcceptAnyServerCertificate": true },
                "Destinations": { "d1": { "Address": "https://backend.internal/" } }
              }
            }
          }
        }
      `,
      good: `
        {
          "ReverseProxy": {
            "Clusters": {
              "backend": {
                "HttpClient": { "SslProtocols": ["Tls12", "Tls13"] },
                "Destinations": { "d1": { "Address": "https://backend.internal/" } }
              }
            }
          }
        }
      `,
    },
  },
});
