import { LEGACY_PROTOCOLS, confModel, type ConfToken } from '../../engine/languages/conf';
import { defineDetector } from '../../engine/detector';

interface State {
  token: ConfToken;
  replace?: { start: number; end: number; newText: string };
}

const FORCE = /^force-(sslv3|tlsv10|tlsv11)$/;

export const detector = defineDetector<State>({
  id: 'haproxy.ssl-min-ver',
  summary: 'HAProxy bind/server options that allow or force SSL 3, TLS 1.0 or TLS 1.1.',
  docs: `
    HAProxy bind/server options that allow or force SSL 3, TLS 1.0 or TLS 1.1.
  `,
  rule: 'legacy-protocol',
  languages: ['haproxy'],
  apis: ['ssl-min-ver', 'ssl-max-ver', 'force-sslv3', 'force-tlsv10', 'force-tlsv11', 'ssl-default-bind-options'],
  tokens: ['ssl-min-ver', 'ssl-max-ver', 'force-'],
  fixAvailability: 'sometimes',
  detect(file, report) {
    for (const d of confModel(file).directives) {
      const toks = [d.nameToken, ...d.args];
      for (let i = 0; i < toks.length; i++) {
        const t = toks[i];
        const next = toks[i + 1];
        if ((t.value === 'ssl-min-ver' || t.value === 'ssl-max-ver') && next && LEGACY_PROTOCOLS.test(next.value)) {
          report({
            range: { start: t.start, end: next.end },
            message: `\`${t.value} ${next.value}\` ${t.value === 'ssl-min-ver' ? 'allows' : 'caps the protocol at'} a version below TLS 1.2.`,
            state: { token: t, replace: { start: next.start, end: next.end, newText: 'TLSv1.2' } },
          });
        } else if (FORCE.test(t.value)) {
          report({
            range: { start: t.start, end: t.end },
            message: `\`${t.value}\` forces a protocol below TLS 1.2.`,
            state: { token: t, replace: { start: t.start, end: t.end, newText: 'ssl-min-ver TLSv1.2' } },
          });
        }
      }
    }
  },
  fix(_file, r) {
    const { replace } = r.state;
    if (!replace) return undefined;
    return { title: 'Require TLS 1.2 or later (`TLSv1.2`)', safety: 'safe', edits: [replace] };
  },
  examples: {
    haproxy: {
      bad: `
        frontend https
            bind :443 ssl crt /etc/haproxy/site.pem ssl-min-ver TLSv1.0
      `,
      good: `
        frontend https
            bind :443 ssl crt /etc/haproxy/site.pem ssl-min-ver TLSv1.2
      `,
    },
  },
});
