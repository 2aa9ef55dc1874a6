import { unquote, yamlPairs, type YamlPair } from '../../engine/languages/yaml';
import { defineDetector } from '../../engine/detector';

const LEGACY: Record<string, string> = { TLSv1_0: 'TLS 1.0', TLSv1_1: 'TLS 1.1' };

export const detector = defineDetector<{ pair: YamlPair }>({
  id: 'yaml.envoy-tls-version',
  summary: 'Envoy `tls_params` whose minimum or maximum protocol version is TLS 1.0 or 1.1.',
  docs: `
    Envoy's \`tls_params.tls_minimum_protocol_version\` or \`tls_maximum_protocol_version\` set to
    \`TLSv1_0\` or \`TLSv1_1\` (in a listener's or a cluster's \`common_tls_context\`): the floor, or the
    ceiling, is a legacy protocol. \`TLS_AUTO\` (Envoy's default, TLS 1.2 for both sides in current
    releases) and \`TLSv1_2\`/\`TLSv1_3\` are left alone.
  `,
  rule: 'legacy-protocol',
  languages: ['yaml'],
  apis: [
    'envoy.extensions.transport_sockets.tls.v3.TlsParameters.tls_minimum_protocol_version',
    'envoy.extensions.transport_sockets.tls.v3.TlsParameters.tls_maximum_protocol_version',
  ],
  tokens: ['_protocol_version'],
  fixAvailability: 'always',
  detect(file, report) {
    for (const p of yamlPairs(file)) {
      if (p.key !== 'tls_minimum_protocol_version' && p.key !== 'tls_maximum_protocol_version') continue;
      const label = p.scalar && LEGACY[unquote(p.raw)];
      if (!label) continue;
      const which = p.key === 'tls_minimum_protocol_version' ? 'floor' : 'ceiling';
      report({
        range: { start: p.valueStart, end: p.valueEnd },
        message: `\`${p.key}: ${unquote(p.raw)}\` puts the protocol ${which} at ${label}: TLS 1.2 is the minimum.`,
        state: { pair: p },
      });
    }
  },
  fix(_file, r) {
    const p = r.state.pair;
    const q = /^\s*(["'])/.exec(p.raw)?.[1] ?? '';
    return {
      title: 'Use TLS 1.2 (`TLSv1_2`)',
      safety: 'safe',
      edits: [{ start: p.valueStart, end: p.valueEnd, newText: `${q}TLSv1_2${q}` }],
    };
  },
  examples: {
    yaml: {
      bad: `
        common_tls_context:
          tls_params:
            tls_minimum_protocol_version: TLSv1_0
      `,
      good: `
        common_tls_context:
          tls_params:
            tls_minimum_protocol_version: TLSv1_2
      `,
    },
  },
});
