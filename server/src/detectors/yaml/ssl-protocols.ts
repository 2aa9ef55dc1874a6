import { unquote, yamlPairs } from '../../engine/languages/yaml';
import { LEGACY_PROTOCOLS } from '../../engine/languages/conf';
import { defineDetector } from '../../engine/detector';
import { LEGACY_VERSIONS, apacheProtocolSet } from '../../engine/protocols';
import type { Range } from '../../engine/types';

/**
 * Keys that hold a web server's protocol list: Ansible role variables rendered into SSLProtocol or
 * ssl_protocols (`apache_ssl_protocol`, `nginx_ssl_protocols`), and the ingress-nginx ConfigMap's
 * `ssl-protocols` (Helm `controller.config`).
 */
const KEY = /(^|[_-])ssl[_-]?protocols?$/i;
const LEGACY = LEGACY_VERSIONS.map((v) => v.dotted);

interface State {
  value: Range;
  raw: string;
  secure: string;
}

/** The legacy versions a protocol specification enables, and its secure replacement. */
function evaluate(spec: string): { legacy: string[]; secure: string } | undefined {
  const words = spec.split(/[\s,:]+/).filter(Boolean);
  if (words.length === 0) return undefined;
  // Apache's form (`All -SSLv2 -SSLv3`, `+TLSv1.2`): evaluated the way mod_ssl evaluates it.
  if (words.some((w) => /^[+-]/.test(w) || /^all$/i.test(w))) {
    if (!words.every((w) => /^[+-]?(all|SSLv[23]|TLSv1(\.[0-3])?)$/i.test(w))) return undefined;
    const enabled = apacheProtocolSet(words);
    const legacy = LEGACY.filter((p) => enabled.has(p));
    return { legacy, secure: 'all -SSLv3 -TLSv1 -TLSv1.1' };
  }
  // nginx's form (`TLSv1 TLSv1.1 TLSv1.2`): only version names.
  if (!words.every((w) => /^(SSLv[23]|TLSv1(\.[0-3])?)$/i.test(w))) return undefined;
  const legacy = words.filter((w) => LEGACY_PROTOCOLS.test(w));
  const kept = words.filter((w) => !LEGACY_PROTOCOLS.test(w));
  return { legacy, secure: (kept.length ? kept : ['TLSv1.2', 'TLSv1.3']).join(' ') };
}

export const detector = defineDetector<State>({
  id: 'yaml.ssl-protocols',
  summary:
    'Web server protocol lists kept in YAML (Ansible role variables, ingress-nginx ConfigMaps) that enable SSL or TLS below 1.2.',
  docs: `
    Web server protocol lists kept in YAML that enable SSL or TLS below 1.2: Ansible role variables
    rendered into Apache's \`SSLProtocol\` or nginx's \`ssl_protocols\` (\`apache_ssl_protocol: "All -SSLv2 -SSLv3"\`,
    \`nginx_ssl_protocols: TLSv1 TLSv1.1 TLSv1.2\`), and the ingress-nginx ConfigMap's \`ssl-protocols\`.
    Apache's form (\`all\`, \`+\`/\`-\`) is evaluated the way mod_ssl evaluates it; values that are not
    a protocol list (a Jinja expression, a flag) are left alone.
  `,
  rule: 'legacy-protocol',
  languages: ['yaml'],
  apis: ['apache_ssl_protocol', 'nginx_ssl_protocols', 'ingress-nginx ConfigMap ssl-protocols'],
  tokens: ['ssl_protocol', 'ssl-protocol', 'sslprotocol', 'ssl_Protocol', 'SslProtocol', 'SSL_PROTOCOL'],
  fixAvailability: 'always',
  detect(file, report) {
    for (const p of yamlPairs(file)) {
      if (!p.scalar || !KEY.test(p.key)) continue;
      const result = evaluate(unquote(p.raw));
      if (!result || result.legacy.length === 0) continue;
      report({
        range: { start: p.valueStart, end: p.valueEnd },
        message: `\`${p.key}: ${p.raw.trim()}\` enables ${result.legacy.join(', ')}: TLS 1.2 is the minimum.`,
        state: { value: { start: p.valueStart, end: p.valueEnd }, raw: p.raw, secure: result.secure },
      });
    }
  },
  fix(_file, r) {
    const { value, raw, secure } = r.state;
    const q = /^\s*(["'])/.exec(raw)?.[1] ?? '"';
    return {
      title: `Allow TLS 1.2 and later (\`${secure}\`)`,
      // The variable may be read by templates out of sight: a review, not an automatic change.
      safety: 'unsafe',
      edits: [{ start: value.start, end: value.end, newText: `${q}${secure}${q}` }],
    };
  },
  examples: {
    yaml: {
      bad: `
        apache_ssl_protocol: "All -SSLv2 -SSLv3"
      `,
      good: `
        apache_ssl_protocol: "All -SSLv3 -TLSv1 -TLSv1.1"
      `,
    },
  },
});
