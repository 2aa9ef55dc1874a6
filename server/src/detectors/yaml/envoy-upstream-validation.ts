import { defineDetector } from '../../engine/detector';
import { VALIDATION_KEYS, envoyUpstreamContexts } from './support/envoy';

export const detector = defineDetector({
  id: 'yaml.envoy-upstream-validation',
  summary: 'Envoy upstream TLS contexts with no validation context: the upstream certificate is not verified.',
  docs: `
    An Envoy cluster's \`UpstreamTlsContext\` (the v3 \`transport_socket\` \`typed_config\`, or a v2
    cluster's \`tls_context\`) whose \`common_tls_context\` has no \`validation_context\` (nor an SDS
    \`validation_context_sds_secret_config\`, a \`combined_validation_context\` or a certificate
    provider): Envoy then encrypts but does not verify the upstream's certificate, so anyone on the path
    can stand in for it. A \`validation_context\` that names no \`trusted_ca\` (only subject names to
    match) does not verify the chain either.
  `,
  rule: 'insecure-default-context',
  languages: ['yaml'],
  apis: [
    'envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext',
    'envoy.extensions.transport_sockets.tls.v3.CommonTlsContext.validation_context',
    'envoy.api.v2.Cluster.tls_context',
  ],
  tokens: ['UpstreamTlsContext', 'tls_context'],
  fixAvailability: 'none',
  detect(file, report) {
    for (const ctx of envoyUpstreamContexts(file)) {
      const validation = ctx.pairs.filter((p) => VALIDATION_KEYS.has(p.key));
      if (validation.length) {
        // Only a plain validation_context can be empty of trust anchors; the others fetch them.
        if (validation.some((v) => v.key !== 'validation_context')) continue;
        const anchored = ctx.pairs.some(
          (p) =>
            (p.key === 'trusted_ca' || p.key === 'ca_certificate_provider_instance' || p.key === 'system_root_certs') &&
            validation.some((v) => p.start >= v.valueStart && p.end <= v.valueEnd),
        );
        if (anchored || validation.some((v) => v.scalar)) continue;
      }
      report({
        range: { start: ctx.at.start, end: ctx.at.end },
        message: validation.length
          ? "Envoy upstream TLS context whose `validation_context` names no `trusted_ca`: the upstream's certificate chain is not verified."
          : "Envoy upstream TLS context with no `validation_context`: the upstream's certificate is not verified.",
      });
    }
  },
  examples: {
    yaml: {
      bad: `
        clusters:
        - name: backend
          transport_socket:
            name: envoy.transport_sockets.tls
            typed_config:
              "@type": type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext
              sni: backend.example.com
      `,
      good: `
        clusters:
        - name: backend
          transport_socket:
            name: envoy.transport_sockets.tls
            typed_config:
              "@type": type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext
              sni: backend.example.com
              common_tls_context:
                validation_context:
                  trusted_ca:
                    filename: /etc/ssl/certs/ca-certificates.crt
      `,
    },
  },
});
