import { confModel, type ConfDirective } from '../../engine/languages/conf';
import { defineDetector } from '../../engine/detector';
import { LEGACY_VERSIONS, SINCE_SSL3 } from '../../engine/protocols';

/** What `all` means in Apache 2.4 (no SSLv2). */
const ALL = SINCE_SSL3.map((v) => v.dotted);
const LEGACY = LEGACY_VERSIONS.map((v) => v.dotted);

/** Evaluates `all -SSLv3 +TLSv1.2` the way mod_ssl does. */
function protocolSet(args: string[]): Set<string> {
  const set = new Set<string>();
  for (const raw of args) {
    const op = raw[0] === '+' || raw[0] === '-' ? raw[0] : '';
    const name = op ? raw.slice(1) : raw;
    const canon =
      name.toLowerCase() === 'all'
        ? ALL
        : [ALL.concat('SSLv2').find((p) => p.toLowerCase() === name.toLowerCase()) ?? name];
    if (!op) set.clear();
    for (const p of canon) {
      if (op === '-') set.delete(p);
      else set.add(p);
    }
  }
  return set;
}

export const detector = defineDetector<{ directive: ConfDirective }>({
  id: 'apache.ssl-protocol',
  summary: 'Apache SSLProtocol / SSLProxyProtocol whose resulting set includes SSLv3, TLS 1.0 or TLS 1.1.',
  docs: `
    Apache SSLProtocol / SSLProxyProtocol whose resulting set includes SSLv3, TLS 1.0 or TLS 1.1.
  `,
  rule: 'legacy-protocol',
  languages: ['apache'],
  apis: ['SSLProtocol', 'SSLProxyProtocol'],
  tokens: ['SSLProtocol', 'SSLProxyProtocol', 'sslprotocol', 'sslproxyprotocol'],
  fixAvailability: 'always',
  detect(file, report) {
    for (const d of confModel(file).directives) {
      if (!/^SSL(Proxy)?Protocol$/i.test(d.name) || d.args.length === 0) continue;
      const enabled = protocolSet(d.args.map((a) => a.value));
      const legacy = LEGACY.filter((p) => enabled.has(p));
      if (legacy.length === 0) continue;
      report({
        range: { start: d.args[0].start, end: d.args[d.args.length - 1].end },
        message: `\`${d.name} ${d.args.map((a) => a.value).join(' ')}\` enables ${legacy.join(', ')}: TLS 1.2 is the minimum.`,
        state: { directive: d },
      });
    }
  },
  fix(_file, r) {
    const d = r.state.directive;
    // Mozilla's intermediate profile: works on every 2.4 release and keeps TLS 1.3 where the build has it.
    return {
      title: 'Allow TLS 1.2 and later (`all -SSLv3 -TLSv1 -TLSv1.1`)',
      safety: 'safe',
      edits: [{ start: d.args[0].start, end: d.args[d.args.length - 1].end, newText: 'all -SSLv3 -TLSv1 -TLSv1.1' }],
    };
  },
  examples: {
    apache: {
      bad: `
        <VirtualHost *:443>
            SSLEngine on
            SSLProtocol all -SSLv3
        </VirtualHost>
      `,
      good: `
        <VirtualHost *:443>
            SSLEngine on
            SSLProtocol all -SSLv3 -TLSv1 -TLSv1.1
        </VirtualHost>
      `,
    },
  },
});
