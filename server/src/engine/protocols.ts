// The SSL/TLS protocol versions, once, with the spellings the APIs use for them; what
// `legacy-protocol` reports (below TLS 1.2) is decided here, as ciphers.ts decides weak suites.

export interface ProtocolVersion {
  /** As the standards name it: `SSL 3.0`, `TLS 1.1`. */
  label: string;
  /** As OpenSSL's and curl's documentation name it: `SSLv3`, `TLS 1.1`. */
  shortLabel: string;
  /** Below TLS 1.2: what `legacy-protocol` reports. */
  legacy: boolean;
  /** JSSE, Node, nginx, Apache: `SSLv3`, `TLSv1` (1.0), `TLSv1.1`. */
  dotted: string;
  /** OpenSSL methods, Python's `ssl.PROTOCOL_*`/`OP_NO_*`, Ruby's methods, wget: `TLSv1`, `TLSv1_1`. */
  stem: string;
  /** OpenSSL's version constant: `TLS1_1_VERSION`. */
  opensslConstant: string;
  /** The version on the wire (`0x0302` for TLS 1.1), as OpenSSL's `*_proto_version` take it. */
  wire: number;
}

export const PROTOCOL_VERSIONS: readonly ProtocolVersion[] = [
  {
    label: 'SSL 2.0',
    shortLabel: 'SSLv2',
    legacy: true,
    dotted: 'SSLv2',
    stem: 'SSLv2',
    opensslConstant: 'SSL2_VERSION',
    wire: 0x0200,
  },
  {
    label: 'SSL 3.0',
    shortLabel: 'SSLv3',
    legacy: true,
    dotted: 'SSLv3',
    stem: 'SSLv3',
    opensslConstant: 'SSL3_VERSION',
    wire: 0x0300,
  },
  {
    label: 'TLS 1.0',
    shortLabel: 'TLS 1.0',
    legacy: true,
    dotted: 'TLSv1',
    stem: 'TLSv1',
    opensslConstant: 'TLS1_VERSION',
    wire: 0x0301,
  },
  {
    label: 'TLS 1.1',
    shortLabel: 'TLS 1.1',
    legacy: true,
    dotted: 'TLSv1.1',
    stem: 'TLSv1_1',
    opensslConstant: 'TLS1_1_VERSION',
    wire: 0x0302,
  },
  {
    label: 'TLS 1.2',
    shortLabel: 'TLS 1.2',
    legacy: false,
    dotted: 'TLSv1.2',
    stem: 'TLSv1_2',
    opensslConstant: 'TLS1_2_VERSION',
    wire: 0x0303,
  },
  {
    label: 'TLS 1.3',
    shortLabel: 'TLS 1.3',
    legacy: false,
    dotted: 'TLSv1.3',
    stem: 'TLSv1_3',
    opensslConstant: 'TLS1_3_VERSION',
    wire: 0x0304,
  },
];

export const LEGACY_VERSIONS: readonly ProtocolVersion[] = PROTOCOL_VERSIONS.filter((v) => v.legacy);

/** SSL 3.0 and later: the versions an API without SSL 2.0 (JSSE, Apache 2.4, pyOpenSSL) knows. */
export const SINCE_SSL3: readonly ProtocolVersion[] = PROTOCOL_VERSIONS.filter((v) => v.wire >= 0x0300);

/** The dotted names of the legacy versions, with the `TLSv1.0` alias Node, nginx and JSSE accept. */
export const LEGACY_DOTTED: readonly string[] = [...LEGACY_VERSIONS.map((v) => v.dotted), 'TLSv1.0'];

/** The stems of the legacy versions as a regex alternation (`SSLv2|SSLv3|TLSv1|TLSv1_1`). */
export const LEGACY_STEMS = LEGACY_VERSIONS.map((v) => v.stem).join('|');

/** A map from each legacy version's spelling (`key`) to its label: `{ TLS1_VERSION: 'TLS 1.0', ... }`. */
export function legacyLabels(
  key: (v: ProtocolVersion) => string | number,
  label: 'label' | 'shortLabel' = 'label',
  versions: readonly ProtocolVersion[] = LEGACY_VERSIONS,
): Record<string, string> {
  return Object.fromEntries(versions.filter((v) => v.legacy).map((v) => [key(v), v[label]]));
}

/**
 * Evaluates an Apache mod_ssl protocol specification (`all -SSLv3 +TLSv1.2`, as SSLProtocol takes it) the
 * way mod_ssl does: `all` is every version since SSLv3 (Apache 2.4), a bare name starts a new set, `+`/`-`
 * add or remove. Gives the enabled dotted names (`TLSv1.1`).
 */
export function apacheProtocolSet(args: readonly string[]): Set<string> {
  const all = SINCE_SSL3.map((v) => v.dotted);
  const set = new Set<string>();
  for (const raw of args) {
    const op = raw[0] === '+' || raw[0] === '-' ? raw[0] : '';
    const name = op ? raw.slice(1) : raw;
    const canon =
      name.toLowerCase() === 'all'
        ? all
        : [all.concat('SSLv2').find((p) => p.toLowerCase() === name.toLowerCase()) ?? name];
    if (!op) set.clear();
    for (const p of canon) {
      if (op === '-') set.delete(p);
      else set.add(p);
    }
  }
  return set;
}
