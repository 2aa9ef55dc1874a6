import type { Node } from 'web-tree-sitter';
import { callArgs, nameOf, nodesAround, removeArgumentEdit, stringValue, valueOf } from '../../engine/languages/python';
import { defineDetector } from '../../engine/detector';
import { LEGACY_STEMS, legacyLabels } from '../../engine/protocols';
import { urllib3PoolCall } from './support/urllib3';

const LEGACY_NAMES = legacyLabels((v) => v.stem);

/** The legacy version a `ssl_version` string names (`'TLSv1'`, `'PROTOCOL_TLSv1'`), urllib3 resolving both. */
function legacyString(value: string): string | undefined {
  const m = new RegExp(`^(?:PROTOCOL_)?(${LEGACY_STEMS})$`).exec(value.trim());
  return m ? m[1] : undefined;
}

/** The legacy `ssl.TLSVersion` member a value names. */
function legacyTlsVersion(name: string | undefined): string | undefined {
  const m = name ? /^ssl\.TLSVersion\.(SSLv3|TLSv1|TLSv1_1|MINIMUM_SUPPORTED)$/.exec(name) : null;
  return m ? m[1] : undefined;
}

interface State {
  kind: 'string' | 'min' | 'max';
  kw: Node;
  value: Node;
  /** A legacy ceiling in the same call: raising the floor alone would leave min above max. */
  legacyCeiling?: boolean;
}

export const detector = defineDetector<State>({
  id: 'python.urllib3-ssl-version',
  summary: `urllib3 pools and contexts pinned to, or allowed down to, a legacy protocol through urllib3's own spellings.`,
  docs: `
    urllib3 pools and contexts pinned to, or allowed down to, a legacy protocol through urllib3's own
    spellings: \`ssl_version='TLSv1'\` strings and \`ssl_minimum_version\` / \`ssl_maximum_version\` set to
    \`ssl.TLSVersion.TLSv1\` and friends. (The \`ssl.PROTOCOL_*\` constants are python.ssl-legacy-protocol's.)
  `,
  rule: 'legacy-protocol',
  languages: ['python'],
  apis: ['urllib3.PoolManager', 'urllib3.HTTPSConnectionPool', 'urllib3.util.ssl_.create_urllib3_context'],
  tokens: ['ssl_version', 'ssl_minimum_version', 'ssl_maximum_version'],
  fixAvailability: 'always',
  detect(file, report) {
    // The calls that pass one of the keywords (the innermost call around the keyword's name).
    for (const call of nodesAround(file, ['ssl_version', 'ssl_minimum_version', 'ssl_maximum_version'], ['call'])) {
      const args = callArgs(call);
      if (!['ssl_version', 'ssl_minimum_version', 'ssl_maximum_version'].some((k) => args.keywords.has(k))) continue;
      const api = urllib3PoolCall(file, call);
      if (!api) continue;
      const version = args.keywords.get('ssl_version');
      const s = version ? stringValue(file, version.childForFieldName('value')) : undefined;
      const legacy = s !== undefined ? legacyString(s) : undefined;
      if (version && legacy) {
        const value = version.childForFieldName('value')!;
        report({
          node: value,
          message: `\`${api}\` is pinned to ${LEGACY_NAMES[legacy]} with \`ssl_version=${value.text}\`, a broken protocol version.`,
          state: { kind: 'string', kw: version, value },
        });
      }
      const legacyOf = (param: string) => {
        const value = args.keywords.get(param)?.childForFieldName('value');
        const member = value ? legacyTlsVersion(nameOf(file, valueOf(file, value) ?? value, 'reaching')) : undefined;
        return param === 'ssl_maximum_version' && member === 'MINIMUM_SUPPORTED' ? undefined : member;
      };
      const legacyCeiling = !!legacyOf('ssl_maximum_version');
      for (const [param, kind] of [
        ['ssl_minimum_version', 'min'],
        ['ssl_maximum_version', 'max'],
      ] as const) {
        const kw = args.keywords.get(param);
        const value = kw?.childForFieldName('value');
        const member = legacyOf(param);
        if (!kw || !value || !member) continue;
        const what = member === 'MINIMUM_SUPPORTED' ? 'the oldest version OpenSSL supports' : LEGACY_NAMES[member];
        report({
          node: value,
          message:
            kind === 'min'
              ? `\`${api}\` lets connections fall back to ${what} (\`${param}\`): the floor should be TLS 1.2.`
              : `\`${api}\` caps connections at ${what} (\`${param}\`), a broken protocol version.`,
          state: { kind, kw, value, legacyCeiling },
        });
      }
    }
  },
  fix(file, r) {
    const { kind, kw, value, legacyCeiling } = r.state;
    if (kind === 'min' && value.type === 'attribute') {
      const attr = value.childForFieldName('attribute')!;
      return {
        title: 'Raise the floor to TLS 1.2 (`TLSVersion.TLSv1_2`)',
        safety: legacyCeiling ? 'unsafe' : 'safe',
        edits: [{ start: attr.startIndex, end: attr.endIndex, newText: 'TLSv1_2' }],
      };
    }
    // Without the pin urllib3 negotiates (TLS 1.2 and up by default since urllib3 2).
    const param = kw.childForFieldName('name')!.text;
    return {
      title: `Let urllib3 negotiate the version (remove \`${param}\`)`,
      safety: 'unsafe',
      edits: [removeArgumentEdit(file, kw)],
    };
  },
  examples: {
    python: {
      bad: `
        import ssl
        import urllib3
        http = urllib3.PoolManager(ssl_minimum_version=ssl.TLSVersion.TLSv1)
      `,
      good: `
        import ssl
        import urllib3
        http = urllib3.PoolManager(ssl_minimum_version=ssl.TLSVersion.TLSv1_2)
      `,
    },
  },
});
