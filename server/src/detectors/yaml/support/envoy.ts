// Envoy's TLS transport sockets as YAML (bootstrap files, xDS snapshots kept in repositories, Helm
// values rendered into them): where a cluster's upstream TLS context is, and what its common context holds.
import { unquote, yamlPairs, type YamlPair } from '../../../engine/languages/yaml';
import type { SourceFile } from '../../../engine/types';

/** Keys under which a common TLS context validates the peer (a CA, an SDS secret, a provider, or both). */
export const VALIDATION_KEYS = new Set([
  'validation_context',
  'validation_context_sds_secret_config',
  'combined_validation_context',
  'validation_context_certificate_provider',
  'validation_context_certificate_provider_instance',
]);

export interface EnvoyTlsContext {
  /** The pair that names the context: `"@type": ...UpstreamTlsContext` (v3) or a cluster's `tls_context:` (v2). */
  at: YamlPair;
  /** The pairs of the context's mapping, nested ones included. */
  pairs: YamlPair[];
}

/** Every Envoy upstream (client-side) TLS context of the file. */
export function envoyUpstreamContexts(file: SourceFile): EnvoyTlsContext[] {
  return file.memo('yaml.envoy-upstream', () => {
    const all = yamlPairs(file);
    const out: EnvoyTlsContext[] = [];
    for (const p of all) {
      let start: number;
      let end: number;
      if (p.key === '@type' && p.scalar && /(^|[./])UpstreamTlsContext$/.test(unquote(p.raw))) {
        // The typed_config mapping: its pairs are the @type pair's siblings and what they hold.
        start = Math.min(...p.siblings.map((s) => s.start));
        end = Math.max(...p.siblings.map((s) => s.end));
      } else if (p.key === 'tls_context' && !p.scalar && p.path.includes('clusters')) {
        // The v2 API's cluster field (deprecated, still in old configurations).
        start = p.valueStart;
        end = p.valueEnd;
      } else continue;
      // Pairs come in document order: the mapping's are the run that starts at or after `start`.
      let lo = 0;
      let hi = all.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (all[mid].start < start) lo = mid + 1;
        else hi = mid;
      }
      const pairs: YamlPair[] = [];
      for (let i = lo; i < all.length && all[i].start < end; i++)
        if (all[i].end <= end && all[i] !== p) pairs.push(all[i]);
      out.push({ at: p, pairs });
    }
    return out;
  });
}
