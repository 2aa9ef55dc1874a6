import { confModel, type ConfDirective } from '../../engine/languages/conf';
import { defineDetector } from '../../engine/detector';
import { LEGACY_VERSIONS, apacheProtocolSet } from '../../engine/protocols';

const LEGACY = LEGACY_VERSIONS.map((v) => v.dotted);

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
      const enabled = apacheProtocolSet(d.args.map((a) => a.value));
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
