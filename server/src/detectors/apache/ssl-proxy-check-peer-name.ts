import { confModel, type ConfToken } from '../../engine/languages/conf';
import { defineDetector } from '../../engine/detector';

export const detector = defineDetector<{ value: ConfToken }>({
  id: 'apache.ssl-proxy-check-peer-name',
  summary: 'Apache mod_ssl proxying that skips matching the backend certificate to its host name.',
  docs: `
    Apache mod_ssl proxying that skips matching the backend certificate to its host name.
  `,
  rule: 'hostname-verification-disabled',
  languages: ['apache'],
  apis: ['SSLProxyCheckPeerName', 'SSLProxyCheckPeerCN'],
  tokens: ['CheckPeer', 'checkpeer'],
  fixAvailability: 'always',
  detect(file, report) {
    for (const d of confModel(file).directives) {
      const v = d.args[0];
      if (v && /^SSLProxyCheckPeer(Name|CN)$/i.test(d.name) && /^off$/i.test(v.value)) {
        report({
          range: { start: d.start, end: v.end },
          message: `\`${d.name} off\`: the backend certificate's name is not matched to the host.`,
          state: { value: v },
        });
      }
    }
  },
  fix(_file, r) {
    const v = r.state.value;
    return {
      title: 'Check the backend host name (`on`)',
      safety: 'safe',
      edits: [{ start: v.start, end: v.end, newText: 'on' }],
    };
  },
  examples: {
    apache: {
      bad: `
        <VirtualHost *:443>
            SSLProxyEngine on
            SSLProxyCheckPeerName off
        </VirtualHost>
      `,
      good: `
        <VirtualHost *:443>
            SSLProxyEngine on
            SSLProxyCheckPeerName on
        </VirtualHost>
      `,
    },
  },
});
