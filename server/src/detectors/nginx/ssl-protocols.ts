import { LEGACY_PROTOCOLS, confModel, type ConfDirective } from '../../engine/languages/conf';
import { defineDetector } from '../../engine/detector';

const NAME = /^([a-z_]+_)?ssl_protocols$/;

export const detector = defineDetector<{ directive: ConfDirective }>({
  id: 'nginx.ssl-protocols',
  summary: 'nginx ssl_protocols (and proxy_/grpc_/uwsgi_/zone_sync_ variants) that enable SSL or TLS below 1.2.',
  docs: `
    nginx ssl_protocols (and proxy_/grpc_/uwsgi_/zone_sync_ variants) that enable SSL or TLS below 1.2.
  `,
  rule: 'legacy-protocol',
  languages: ['nginx'],
  apis: ['ssl_protocols', 'proxy_ssl_protocols', 'grpc_ssl_protocols', 'uwsgi_ssl_protocols'],
  tokens: ['ssl_protocols'],
  fixAvailability: 'always',
  detect(file, report) {
    for (const d of confModel(file).directives) {
      if (!NAME.test(d.name) || d.args.length === 0) continue;
      const legacy = d.args.filter((a) => LEGACY_PROTOCOLS.test(a.value));
      if (legacy.length === 0) continue;
      report({
        range: { start: legacy[0].start, end: legacy[legacy.length - 1].end },
        message: `\`${d.name}\` enables ${legacy.map((a) => a.value).join(', ')}: TLS 1.2 is the minimum.`,
        state: { directive: d },
      });
    }
  },
  fix(_file, r) {
    const d = r.state.directive;
    const kept = d.args.filter((a) => !LEGACY_PROTOCOLS.test(a.value)).map((a) => a.value);
    const next = kept.length ? kept : ['TLSv1.2', 'TLSv1.3'];
    return {
      title: `Allow only ${next.join(' ')}`,
      safety: 'safe',
      edits: [{ start: d.args[0].start, end: d.args[d.args.length - 1].end, newText: next.join(' ') }],
    };
  },
  examples: {
    nginx: {
      bad: `
        server {
            listen 443 ssl;
            ssl_protocols TLSv1 TLSv1.1 TLSv1.2;
        }
      `,
      good: `
        server {
            listen 443 ssl;
            ssl_protocols TLSv1.2 TLSv1.3;
        }
      `,
    },
  },
});
