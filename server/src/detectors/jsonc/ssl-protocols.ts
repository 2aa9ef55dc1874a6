import type { Node as JsonNode } from 'jsonc-parser';
import { defineDetector } from '../../engine/detector';
import { jsonModel, sameKey, spanOf } from '../../engine/languages/jsonc';
import type { Range } from '../../engine/types';

/** `SslProtocols` names below TLS 1.2 (`Default` is the obsolete SSL 3.0 | TLS 1.0 pair). */
const LEGACY = /^(ssl2|ssl3|tls|tls11|default)$/i;

/** Where `SslProtocols` configures TLS: Kestrel's endpoints and YARP clusters' HttpClient. */
function owner(path: readonly string[]): 'Kestrel' | 'YARP' | undefined {
  const n = path.length;
  if (sameKey(path[n - 1], 'EndpointDefaults') && sameKey(path[n - 2], 'Kestrel')) return 'Kestrel';
  if (sameKey(path[n - 2], 'Endpoints') && sameKey(path[n - 3], 'Kestrel')) return 'Kestrel';
  // Per host name: `Kestrel:Endpoints:<name>:Sni:<host>:SslProtocols`.
  if (sameKey(path[n - 2], 'Sni') && sameKey(path[n - 4], 'Endpoints') && sameKey(path[n - 5], 'Kestrel'))
    return 'Kestrel';
  if (sameKey(path[n - 1], 'HttpClient') && sameKey(path[n - 3], 'Clusters')) return 'YARP';
  return undefined;
}

interface Item {
  name: string;
  start: number;
  end: number;
}

/** The protocol names of the value: an array of strings, or one string of names joined by `,` (Enum.Parse). */
function itemsOf(file: { text: string }, v: JsonNode): Item[] | undefined {
  if (v.type === 'array') {
    const items: Item[] = [];
    for (const c of v.children ?? []) {
      if (c.type !== 'string') return undefined;
      items.push({ name: String(c.value).trim(), start: c.offset, end: c.offset + c.length });
    }
    return items;
  }
  if (v.type !== 'string') return undefined;
  const raw = file.text.slice(v.offset + 1, v.offset + v.length - 1);
  const items: Item[] = [];
  for (const m of raw.matchAll(/[^,|\s]+/g)) {
    const start = v.offset + 1 + m.index;
    items.push({ name: m[0], start, end: start + m[0].length });
  }
  return items;
}

interface State {
  value: Range;
  newText: string;
  kept: string[];
}

export const detector = defineDetector<State>({
  id: 'jsonc.ssl-protocols',
  summary: 'Kestrel endpoints and YARP clusters whose `SslProtocols` enable SSL 3.0, TLS 1.0 or TLS 1.1.',
  docs: `
    \`SslProtocols\` in \`appsettings*.json\` that names a protocol below TLS 1.2 (\`Tls\`, \`Tls11\`,
    \`Ssl3\`, \`Ssl2\`, or the obsolete \`Default\`): Kestrel's \`EndpointDefaults\` and
    \`Endpoints:<name>\` with its \`Sni:<host>\` sections (what the server accepts) and a YARP cluster's \`HttpClient\` (what the proxy
    offers its destinations). An array of names or one string of names joined by commas. The fix keeps
    the modern names, or sets \`["Tls12", "Tls13"]\` when none is left. \`SslProtocols\` elsewhere, and
    \`Tls12\`/\`Tls13\`/\`None\` (the operating system's default), are not findings.
  `,
  rule: 'legacy-protocol',
  languages: ['json-config'],
  apis: [
    'Kestrel:EndpointDefaults:SslProtocols',
    'Kestrel:Endpoints:<name>:SslProtocols',
    'ReverseProxy:Clusters:<id>:HttpClient:SslProtocols',
  ],
  tokens: ['slProtocols', 'SLProtocols', 'slprotocols'],
  fixAvailability: 'always',
  detect(file, report) {
    for (const p of jsonModel(file).properties) {
      if (!sameKey(p.key, 'SslProtocols')) continue;
      const who = owner(p.path);
      if (!who) continue;
      const items = itemsOf(file, p.value);
      const legacy = items?.filter((i) => LEGACY.test(i.name)) ?? [];
      if (!items || legacy.length === 0) continue;
      const kept = items.filter((i) => !LEGACY.test(i.name)).map((i) => i.name);
      const next = kept.length ? kept : ['Tls12', 'Tls13'];
      const newText =
        p.value.type === 'array'
          ? `[${next.map((n) => JSON.stringify(n)).join(', ')}]`
          : JSON.stringify(next.join(', '));
      report({
        range: { start: legacy[0].start, end: legacy[legacy.length - 1].end },
        message:
          `\`SslProtocols\` enables ${legacy.map((i) => i.name).join(', ')} on ` +
          `${who === 'Kestrel' ? 'a Kestrel endpoint' : 'a YARP cluster\u2019s connections'}: TLS 1.2 is the minimum.`,
        state: { value: spanOf(p.value), newText, kept: next },
      });
    }
  },
  fix(_file, r) {
    return {
      title: `Allow only ${r.state.kept.join(', ')}`,
      safety: 'safe',
      edits: [{ ...r.state.value, newText: r.state.newText }],
    };
  },
  examples: {
    'json-config': {
      bad: `
        {
          "Kestrel": {
            "EndpointDefaults": { "SslProtocols": ["Tls11", "Tls12"] }
          }
        }
      `,
      good: `
        {
          "Kestrel": {
            "EndpointDefaults": { "SslProtocols": ["Tls12", "Tls13"] }
          }
        }
      `,
    },
  },
});
