// A pure analyzer for cipher configuration: OpenSSL cipher strings (`HIGH:!aNULL:!MD5`) evaluated the way
// OpenSSL evaluates them, and single suite names (OpenSSL `DES-CBC3-SHA` or IANA `TLS_RSA_WITH_3DES_EDE_CBC_SHA`)
// classified. Shared by every language's weak-cipher detectors.
import type { Fix } from './types';

/** Why a suite is weak (the spec's weak-cipher list). */
export type WeakReason = 'NULL' | 'anonymous' | 'EXPORT' | 'RC4' | 'DES' | '3DES' | 'RC2' | 'IDEA' | 'SEED' | 'MD5';

type Kx =
  | 'RSA'
  | 'DHE'
  | 'ECDHE'
  | 'DH'
  | 'ECDH'
  | 'PSK'
  | 'DHEPSK'
  | 'ECDHEPSK'
  | 'RSAPSK'
  | 'SRP'
  | 'KRB5'
  | 'GOST'
  | 'TLS13'
  | 'NULL';
type Au = 'RSA' | 'DSS' | 'ECDSA' | 'NULL' | 'PSK' | 'SRP' | 'KRB5' | 'GOST' | 'TLS13';
type Enc =
  | 'NULL'
  | 'RC4'
  | 'RC2'
  | 'DES'
  | '3DES'
  | 'IDEA'
  | 'SEED'
  | 'AES128'
  | 'AES256'
  | 'CAMELLIA128'
  | 'CAMELLIA256'
  | 'ARIA128'
  | 'ARIA256'
  | 'CHACHA20'
  | 'GOST';
type Mode = 'CBC' | 'GCM' | 'CCM' | 'CCM8' | 'STREAM' | 'AEAD';
type Mac = 'MD5' | 'SHA1' | 'SHA256' | 'SHA384' | 'AEAD' | 'GOST';

/** A cipher suite's parts, as OpenSSL's aliases select them. */
export interface CipherSuite {
  /** The name it was written with (OpenSSL or IANA). */
  name: string;
  kx: Kx;
  au: Au;
  enc: Enc;
  mode: Mode;
  mac: Mac;
  export: boolean;
}

/** Mozilla's "intermediate" TLS 1.2 cipher string (server side TLS guidelines, v5.7). */
export const MOZILLA_INTERMEDIATE_CIPHERS =
  'ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:' +
  'ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:DHE-RSA-CHACHA20-POLY1305';

/** The suites OpenSSL's aliases expand over: every family, weak ones included (as older builds ship them). */
const CATALOG_NAMES = [
  // RSA key exchange
  'NULL-MD5',
  'NULL-SHA',
  'NULL-SHA256',
  'RC4-MD5',
  'RC4-SHA',
  'IDEA-CBC-SHA',
  'DES-CBC-SHA',
  'DES-CBC3-SHA',
  'SEED-SHA',
  'AES128-SHA',
  'AES256-SHA',
  'AES128-SHA256',
  'AES256-SHA256',
  'AES128-GCM-SHA256',
  'AES256-GCM-SHA384',
  'AES128-CCM',
  'AES256-CCM',
  'AES128-CCM8',
  'AES256-CCM8',
  'CAMELLIA128-SHA',
  'CAMELLIA256-SHA',
  'CAMELLIA128-SHA256',
  'CAMELLIA256-SHA256',
  'ARIA128-GCM-SHA256',
  'ARIA256-GCM-SHA384',
  // export grade
  'EXP-RC4-MD5',
  'EXP-RC2-CBC-MD5',
  'EXP-DES-CBC-SHA',
  'EXP-EDH-RSA-DES-CBC-SHA',
  'EXP-EDH-DSS-DES-CBC-SHA',
  'EXP-ADH-RC4-MD5',
  'EXP-ADH-DES-CBC-SHA',
  'EXP1024-RC4-SHA',
  'EXP1024-DES-CBC-SHA',
  // finite-field DHE
  'DHE-RSA-AES128-SHA',
  'DHE-RSA-AES256-SHA',
  'DHE-RSA-AES128-SHA256',
  'DHE-RSA-AES256-SHA256',
  'DHE-RSA-AES128-GCM-SHA256',
  'DHE-RSA-AES256-GCM-SHA384',
  'DHE-RSA-AES128-CCM',
  'DHE-RSA-AES256-CCM',
  'DHE-RSA-CHACHA20-POLY1305',
  'DHE-RSA-CAMELLIA128-SHA',
  'DHE-RSA-CAMELLIA256-SHA',
  'DHE-RSA-SEED-SHA',
  'EDH-RSA-DES-CBC-SHA',
  'EDH-RSA-DES-CBC3-SHA',
  'DHE-DSS-AES128-SHA',
  'DHE-DSS-AES256-SHA',
  'DHE-DSS-AES128-GCM-SHA256',
  'DHE-DSS-AES256-GCM-SHA384',
  'EDH-DSS-DES-CBC-SHA',
  'EDH-DSS-DES-CBC3-SHA',
  'DHE-DSS-RC4-SHA',
  'DHE-DSS-SEED-SHA',
  // anonymous DH / ECDH
  'ADH-RC4-MD5',
  'ADH-DES-CBC-SHA',
  'ADH-DES-CBC3-SHA',
  'ADH-AES128-SHA',
  'ADH-AES256-SHA',
  'ADH-AES128-SHA256',
  'ADH-AES256-SHA256',
  'ADH-AES128-GCM-SHA256',
  'ADH-AES256-GCM-SHA384',
  'ADH-CAMELLIA128-SHA',
  'ADH-CAMELLIA256-SHA',
  'ADH-SEED-SHA',
  'AECDH-NULL-SHA',
  'AECDH-RC4-SHA',
  'AECDH-DES-CBC3-SHA',
  'AECDH-AES128-SHA',
  'AECDH-AES256-SHA',
  // ECDHE
  'ECDHE-RSA-AES128-SHA',
  'ECDHE-RSA-AES256-SHA',
  'ECDHE-RSA-AES128-SHA256',
  'ECDHE-RSA-AES256-SHA384',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-RSA-CHACHA20-POLY1305',
  'ECDHE-RSA-DES-CBC3-SHA',
  'ECDHE-RSA-RC4-SHA',
  'ECDHE-RSA-NULL-SHA',
  'ECDHE-RSA-CAMELLIA128-SHA256',
  'ECDHE-ECDSA-AES128-SHA',
  'ECDHE-ECDSA-AES256-SHA',
  'ECDHE-ECDSA-AES128-SHA256',
  'ECDHE-ECDSA-AES256-SHA384',
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305',
  'ECDHE-ECDSA-AES128-CCM',
  'ECDHE-ECDSA-AES256-CCM',
  'ECDHE-ECDSA-AES128-CCM8',
  'ECDHE-ECDSA-DES-CBC3-SHA',
  'ECDHE-ECDSA-RC4-SHA',
  'ECDHE-ECDSA-NULL-SHA',
  'ECDHE-ECDSA-CAMELLIA128-SHA256',
  'ECDHE-ECDSA-ARIA128-GCM-SHA256',
  'ECDHE-RSA-ARIA256-GCM-SHA384',
  // fixed (EC)DH
  'ECDH-RSA-AES128-SHA',
  'ECDH-ECDSA-AES256-SHA',
  'ECDH-RSA-DES-CBC3-SHA',
  'ECDH-ECDSA-RC4-SHA',
  'ECDH-RSA-NULL-SHA',
  'DH-RSA-AES128-SHA',
  'DH-DSS-AES256-SHA',
  // PSK and SRP
  'PSK-AES128-CBC-SHA',
  'PSK-AES256-CBC-SHA',
  'PSK-AES128-GCM-SHA256',
  'PSK-CHACHA20-POLY1305',
  'PSK-RC4-SHA',
  'PSK-3DES-EDE-CBC-SHA',
  'PSK-NULL-SHA',
  'ECDHE-PSK-AES128-CBC-SHA',
  'ECDHE-PSK-CHACHA20-POLY1305',
  'DHE-PSK-AES128-GCM-SHA256',
  'RSA-PSK-AES128-GCM-SHA256',
  'SRP-AES-128-CBC-SHA',
  'SRP-RSA-AES-256-CBC-SHA',
  'SRP-3DES-EDE-CBC-SHA',
];

function encOf(e: string): { enc: Enc; mode: Mode } | undefined {
  const s = e.replace(/_/g, '-');
  const mode: Mode = /CCM-?8/.test(s)
    ? 'CCM8'
    : /CCM/.test(s)
      ? 'CCM'
      : /GCM/.test(s)
        ? 'GCM'
        : /POLY1305/.test(s)
          ? 'AEAD'
          : /RC4|NULL/.test(s)
            ? 'STREAM'
            : 'CBC';
  if (/^NULL$|^NULL-|-NULL$/.test(s) || s === 'NULL') return { enc: 'NULL', mode };
  if (/RC4/.test(s)) return { enc: 'RC4', mode };
  if (/RC2/.test(s)) return { enc: 'RC2', mode };
  if (/3DES|DES-CBC3|DES-EDE/.test(s)) return { enc: '3DES', mode };
  if (/DES/.test(s)) return { enc: 'DES', mode };
  if (/IDEA/.test(s)) return { enc: 'IDEA', mode };
  if (/SEED/.test(s)) return { enc: 'SEED', mode };
  if (/CHACHA20/.test(s)) return { enc: 'CHACHA20', mode: 'AEAD' };
  if (/GOST|KUZNYECHIK|MAGMA/.test(s)) return { enc: 'GOST', mode };
  const m = /(AES|CAMELLIA|ARIA)-?(128|256)?/.exec(s);
  if (m) return { enc: `${m[1]}${m[2] === '256' ? '256' : '128'}` as Enc, mode };
  return undefined;
}

/** Parses an IANA name (`TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256`, `SSL_RSA_WITH_RC4_128_MD5`, TLS 1.3 names). */
function parseIana(name: string): Omit<CipherSuite, 'name'> | undefined {
  const n = name.toUpperCase();
  const tls13 = /^TLS_(AES_128_GCM|AES_256_GCM|CHACHA20_POLY1305|AES_128_CCM|AES_128_CCM_8)_SHA(256|384)$/.exec(n);
  if (tls13) {
    const e = encOf(tls13[1])!;
    return { kx: 'TLS13', au: 'TLS13', enc: e.enc, mode: e.mode, mac: 'AEAD', export: false };
  }
  const m = /^(?:TLS|SSL)_(.+?)_WITH_(.+?)(?:_(MD5|SHA|SHA256|SHA384))?$/.exec(n);
  if (!m) return undefined;
  const kxPart = m[1];
  const e = encOf(m[2]);
  if (!e) return undefined;
  const exp = /EXPORT/.test(kxPart) || /_40$|^DES40|_40_/.test(m[2]);
  const anon = /ANON/.test(kxPart);
  let kx: Kx;
  if (/^ECDHE_PSK/.test(kxPart)) kx = 'ECDHEPSK';
  else if (/^DHE_PSK/.test(kxPart)) kx = 'DHEPSK';
  else if (/^RSA_PSK/.test(kxPart)) kx = 'RSAPSK';
  else if (/^PSK/.test(kxPart)) kx = 'PSK';
  else if (/^SRP/.test(kxPart)) kx = 'SRP';
  else if (/^KRB5/.test(kxPart)) kx = 'KRB5';
  else if (/^ECDHE/.test(kxPart) || /^ECDH_ANON/.test(kxPart)) kx = 'ECDHE';
  else if (/^ECDH_/.test(kxPart)) kx = 'ECDH';
  else if (/^DHE/.test(kxPart) || /^DH_ANON/.test(kxPart)) kx = 'DHE';
  else if (/^DH_/.test(kxPart)) kx = 'DH';
  else if (/^NULL/.test(kxPart)) kx = 'NULL';
  else kx = 'RSA';
  let au: Au;
  if (anon || kx === 'NULL') au = 'NULL';
  else if (/ECDSA/.test(kxPart)) au = 'ECDSA';
  else if (/DSS/.test(kxPart)) au = 'DSS';
  else if (kx === 'PSK' || kx === 'DHEPSK' || kx === 'ECDHEPSK') au = 'PSK';
  else if (kx === 'SRP') au = /RSA/.test(kxPart) ? 'RSA' : /DSS/.test(kxPart) ? 'DSS' : 'SRP';
  else if (kx === 'KRB5') au = 'KRB5';
  else au = 'RSA';
  const mac: Mac =
    m[3] === 'MD5'
      ? 'MD5'
      : m[3] === 'SHA'
        ? 'SHA1'
        : m[3] === 'SHA256'
          ? 'SHA256'
          : m[3] === 'SHA384'
            ? 'SHA384'
            : 'AEAD';
  return {
    kx,
    au,
    enc: e.enc,
    mode: e.mode,
    mac: e.mode === 'GCM' || e.mode === 'AEAD' || e.mode === 'CCM' || e.mode === 'CCM8' ? 'AEAD' : mac,
    export: exp,
  };
}

/** Parses an OpenSSL suite name (`ECDHE-RSA-AES128-GCM-SHA256`, `EXP-EDH-RSA-DES-CBC-SHA`). */
function parseOpenSsl(name: string): Omit<CipherSuite, 'name'> | undefined {
  let s = name.toUpperCase();
  if (!/^[A-Z0-9-]+$/.test(s) || (!s.includes('-') && !/^(NULL|RC4|AES|CAMELLIA|SEED|IDEA)/.test(s))) return undefined;
  let exp = false;
  const e1 = /^EXP(?:1024)?-/.exec(s);
  if (e1) {
    exp = true;
    s = s.slice(e1[0].length);
  }
  const prefixes: [RegExp, Kx, Au][] = [
    [/^ECDHE-ECDSA-/, 'ECDHE', 'ECDSA'],
    [/^ECDHE-RSA-/, 'ECDHE', 'RSA'],
    [/^ECDHE-PSK-/, 'ECDHEPSK', 'PSK'],
    [/^(?:DHE|EDH)-RSA-/, 'DHE', 'RSA'],
    [/^(?:DHE|EDH)-DSS-/, 'DHE', 'DSS'],
    [/^DHE-PSK-/, 'DHEPSK', 'PSK'],
    [/^RSA-PSK-/, 'RSAPSK', 'RSA'],
    [/^PSK-/, 'PSK', 'PSK'],
    [/^ADH-/, 'DHE', 'NULL'],
    [/^AECDH-/, 'ECDHE', 'NULL'],
    [/^ECDH-RSA-/, 'ECDH', 'RSA'],
    [/^ECDH-ECDSA-/, 'ECDH', 'ECDSA'],
    [/^DH-RSA-/, 'DH', 'RSA'],
    [/^DH-DSS-/, 'DH', 'DSS'],
    [/^SRP-RSA-/, 'SRP', 'RSA'],
    [/^SRP-DSS-/, 'SRP', 'DSS'],
    [/^SRP-/, 'SRP', 'SRP'],
    [/^GOST\d*-/, 'GOST', 'GOST'],
    [/^KRB5-/, 'KRB5', 'KRB5'],
  ];
  let kx: Kx = 'RSA';
  let au: Au = 'RSA';
  for (const [re, k, a] of prefixes) {
    const m = re.exec(s);
    if (m) {
      kx = k;
      au = a;
      s = s.slice(m[0].length);
      break;
    }
  }
  const macMatch = /-(MD5|SHA|SHA256|SHA384)$/.exec(s);
  const encPart = macMatch ? s.slice(0, macMatch.index) : s;
  const e = encOf(encPart);
  if (!e) return undefined;
  let mac: Mac = macMatch
    ? macMatch[1] === 'MD5'
      ? 'MD5'
      : macMatch[1] === 'SHA'
        ? 'SHA1'
        : (macMatch[1] as Mac)
    : 'AEAD';
  if (e.mode === 'GCM' || e.mode === 'AEAD' || e.mode === 'CCM' || e.mode === 'CCM8') mac = 'AEAD';
  return { kx, au, enc: e.enc, mode: e.mode, mac, export: exp };
}

/** A single suite name, OpenSSL or IANA; undefined when it is not one. */
export function parseCipherSuite(name: string): CipherSuite | undefined {
  const trimmed = name.trim();
  const parts = /^(TLS|SSL)_/i.test(trimmed) ? parseIana(trimmed) : parseOpenSsl(trimmed);
  return parts ? { name: trimmed, ...parts } : undefined;
}

/** Why a suite is weak; empty when it is not. */
export function suiteWeakness(suite: CipherSuite): WeakReason[] {
  const out: WeakReason[] = [];
  if (suite.enc === 'NULL') out.push('NULL');
  if (suite.au === 'NULL' && suite.kx !== 'NULL' && suite.kx !== 'TLS13') out.push('anonymous');
  if (suite.kx === 'NULL' && !out.includes('anonymous')) out.push('anonymous');
  if (suite.export) out.push('EXPORT');
  if (
    suite.enc === 'RC4' ||
    suite.enc === 'DES' ||
    suite.enc === '3DES' ||
    suite.enc === 'RC2' ||
    suite.enc === 'IDEA' ||
    suite.enc === 'SEED'
  )
    out.push(suite.enc);
  if (suite.mac === 'MD5') out.push('MD5');
  return out;
}

/** The weakness of a suite given by name (`TLS_RSA_WITH_RC4_128_SHA`); undefined for a name that is not a suite. */
export function cipherSuiteWeakness(name: string): WeakReason[] | undefined {
  const s = parseCipherSuite(name);
  return s ? suiteWeakness(s) : undefined;
}

const CATALOG: CipherSuite[] = CATALOG_NAMES.map((n) => parseCipherSuite(n)!).filter(Boolean);

const isAes = (s: CipherSuite) => s.enc === 'AES128' || s.enc === 'AES256';
const isHigh = (s: CipherSuite) =>
  !s.export &&
  (isAes(s) || s.enc.startsWith('CAMELLIA') || s.enc.startsWith('ARIA') || s.enc === 'CHACHA20' || s.enc === 'GOST');
const isMedium = (s: CipherSuite) =>
  !s.export && (s.enc === 'RC4' || s.enc === 'SEED' || s.enc === 'IDEA' || s.enc === '3DES' || s.enc === 'RC2');
const isPskSrp = (s: CipherSuite) => ['PSK', 'DHEPSK', 'ECDHEPSK', 'RSAPSK', 'SRP'].includes(s.kx);
/** OpenSSL's DEFAULT on current builds: no NULL, anonymous, export, PSK or SRP suites and none of the broken ciphers. */
const isDefault = (s: CipherSuite) => s.enc !== 'NULL' && suiteWeakness(s).length === 0 && !isPskSrp(s);

/** OpenSSL's cipher-string aliases (`man ciphers`), case-sensitive as OpenSSL is. */
const ALIASES: Record<string, (s: CipherSuite) => boolean> = {
  ALL: (s) => s.enc !== 'NULL',
  COMPLEMENTOFALL: (s) => s.enc === 'NULL',
  DEFAULT: isDefault,
  COMPLEMENTOFDEFAULT: (s) => s.enc !== 'NULL' && !isDefault(s),
  HIGH: isHigh,
  MEDIUM: isMedium,
  LOW: (s) => !s.export && s.enc === 'DES',
  EXP: (s) => s.export,
  EXPORT: (s) => s.export,
  EXPORT40: (s) => s.export,
  EXPORT56: (s) => s.export,
  eNULL: (s) => s.enc === 'NULL',
  NULL: (s) => s.enc === 'NULL',
  aNULL: (s) => s.au === 'NULL' && s.kx !== 'TLS13',
  kRSA: (s) => s.kx === 'RSA',
  RSA: (s) => s.kx === 'RSA',
  aRSA: (s) => s.au === 'RSA',
  kEDH: (s) => s.kx === 'DHE',
  kDHE: (s) => s.kx === 'DHE',
  EDH: (s) => s.kx === 'DHE' && s.au !== 'NULL',
  DHE: (s) => s.kx === 'DHE' && s.au !== 'NULL',
  DH: (s) => s.kx === 'DHE' || s.kx === 'DH',
  ADH: (s) => s.kx === 'DHE' && s.au === 'NULL',
  kDHr: (s) => s.kx === 'DH' && s.au === 'RSA',
  kDHd: (s) => s.kx === 'DH' && s.au === 'DSS',
  kDH: (s) => s.kx === 'DH',
  kEECDH: (s) => s.kx === 'ECDHE',
  kECDHE: (s) => s.kx === 'ECDHE',
  ECDHE: (s) => s.kx === 'ECDHE' && s.au !== 'NULL',
  EECDH: (s) => s.kx === 'ECDHE' && s.au !== 'NULL',
  ECDH: (s) => s.kx === 'ECDHE' || s.kx === 'ECDH',
  AECDH: (s) => s.kx === 'ECDHE' && s.au === 'NULL',
  kECDHr: (s) => s.kx === 'ECDH' && s.au === 'RSA',
  kECDHe: (s) => s.kx === 'ECDH' && s.au === 'ECDSA',
  kECDH: (s) => s.kx === 'ECDH',
  aDSS: (s) => s.au === 'DSS',
  DSS: (s) => s.au === 'DSS',
  aECDSA: (s) => s.au === 'ECDSA',
  ECDSA: (s) => s.au === 'ECDSA',
  aECDH: (s) => s.kx === 'ECDH',
  aDH: (s) => s.kx === 'DH',
  PSK: (s) => s.kx === 'PSK' || s.kx === 'DHEPSK' || s.kx === 'ECDHEPSK' || s.kx === 'RSAPSK',
  kPSK: (s) => s.kx === 'PSK',
  kECDHEPSK: (s) => s.kx === 'ECDHEPSK',
  kDHEPSK: (s) => s.kx === 'DHEPSK',
  kRSAPSK: (s) => s.kx === 'RSAPSK',
  aPSK: (s) => s.au === 'PSK',
  SRP: (s) => s.kx === 'SRP',
  kSRP: (s) => s.kx === 'SRP',
  aSRP: (s) => s.au === 'SRP',
  kGOST: (s) => s.kx === 'GOST',
  aGOST: (s) => s.au === 'GOST',
  GOST: (s) => s.enc === 'GOST',
  AES: isAes,
  AES128: (s) => s.enc === 'AES128',
  AES256: (s) => s.enc === 'AES256',
  AESGCM: (s) => isAes(s) && s.mode === 'GCM',
  AESCCM: (s) => isAes(s) && (s.mode === 'CCM' || s.mode === 'CCM8'),
  AESCCM8: (s) => isAes(s) && s.mode === 'CCM8',
  CHACHA20: (s) => s.enc === 'CHACHA20',
  CAMELLIA: (s) => s.enc.startsWith('CAMELLIA'),
  CAMELLIA128: (s) => s.enc === 'CAMELLIA128',
  CAMELLIA256: (s) => s.enc === 'CAMELLIA256',
  ARIA: (s) => s.enc.startsWith('ARIA'),
  ARIA128: (s) => s.enc === 'ARIA128',
  ARIA256: (s) => s.enc === 'ARIA256',
  ARIAGCM: (s) => s.enc.startsWith('ARIA') && s.mode === 'GCM',
  '3DES': (s) => s.enc === '3DES',
  DES: (s) => s.enc === 'DES',
  RC4: (s) => s.enc === 'RC4',
  RC2: (s) => s.enc === 'RC2',
  IDEA: (s) => s.enc === 'IDEA',
  SEED: (s) => s.enc === 'SEED',
  MD5: (s) => s.mac === 'MD5',
  SHA1: (s) => s.mac === 'SHA1',
  SHA: (s) => s.mac === 'SHA1',
  SHA256: (s) => s.mac === 'SHA256',
  SHA384: (s) => s.mac === 'SHA384',
  'TLSv1.2': (s) => s.mac === 'SHA256' || s.mac === 'SHA384' || s.mac === 'AEAD',
  'TLSv1.0': (s) => s.mac === 'MD5' || s.mac === 'SHA1',
  TLSv1: (s) => s.mac === 'MD5' || s.mac === 'SHA1',
  SSLv3: (s) => s.mac === 'MD5' || s.mac === 'SHA1',
  SUITEB128: (s) => s.kx === 'ECDHE' && s.au === 'ECDSA' && s.mode === 'GCM',
  SUITEB128ONLY: (s) => s.kx === 'ECDHE' && s.au === 'ECDSA' && s.enc === 'AES128' && s.mode === 'GCM',
  SUITEB128C2: (s) => s.kx === 'ECDHE' && s.au === 'ECDSA' && s.enc === 'AES256' && s.mode === 'GCM',
  SUITEB192: (s) => s.kx === 'ECDHE' && s.au === 'ECDSA' && s.enc === 'AES256' && s.mode === 'GCM',
  FIPS: (s) =>
    isHigh(s) && s.au !== 'NULL' && s.enc !== 'CHACHA20' && !s.enc.startsWith('CAMELLIA') && !s.enc.startsWith('ARIA'),
};

/** The analysis of one cipher string. */
export interface CipherStringAnalysis {
  /** The suites the string enables, in OpenSSL's order. */
  enabled: CipherSuite[];
  /** The enabled weak suites with their reasons. */
  weak: { suite: string; reasons: WeakReason[] }[];
  /** Every reason found, in a stable order. */
  reasons: WeakReason[];
  /** Terms the analyzer did not understand (ignored, as OpenSSL ignores unknown aliases). */
  unknown: string[];
}

const REASON_ORDER: WeakReason[] = ['NULL', 'anonymous', 'EXPORT', 'RC4', 'DES', '3DES', 'RC2', 'IDEA', 'SEED', 'MD5'];

function keyOf(s: CipherSuite): string {
  return `${s.kx}|${s.au}|${s.enc}|${s.mode}|${s.mac}|${s.export}`;
}

/**
 * Aliases that name a weak cipher, NULL encryption, export strength or a strength class that holds weak
 * suites: what they select is asked for by name. Every other alias names a family (`PSK`, `kRSA`, `aECDSA`,
 * `SHA1`, `CAMELLIA`...) and, on OpenSSL 1.1.0 and later, brings in no weak suite: RC4, DES, 3DES, RC2,
 * IDEA, SEED and export suites are not built without `enable-weak-ssl-ciphers`, and NULL-encryption suites
 * are refused at the default security level (anonymous suites are built, and stay weak). So `"PSK"` alone is not a weak list, and `"PSK:RC4"` is.
 */
const NAMES_WEAK = new Set([
  'ALL',
  'COMPLEMENTOFALL',
  'COMPLEMENTOFDEFAULT',
  'MEDIUM',
  'LOW',
  'EXP',
  'EXPORT',
  'EXPORT40',
  'EXPORT56',
  'eNULL',
  'NULL',
  'aNULL',
  '3DES',
  'DES',
  'RC4',
  'RC2',
  'IDEA',
  'SEED',
  'MD5',
]);

/** Whether OpenSSL 1.1.0+ builds and, at the default security level, offers a suite (anonymous ones are). */
function builtToday(s: CipherSuite): boolean {
  return s.enc !== 'NULL' && suiteWeakness(s).every((r) => r === 'anonymous');
}

/** The suites a term (`HIGH`, `ECDHE+AESGCM`, `DES-CBC3-SHA`, `TLS_RSA_WITH_RC4_128_SHA`) selects, or undefined if unknown. */
function select(term: string): CipherSuite[] | undefined {
  const parts = term.split('+').filter((p) => p.length > 0);
  if (parts.length === 0) return undefined;
  let out: CipherSuite[] | undefined;
  // A term made only of family aliases selects what current builds enable (see NAMES_WEAK).
  const familyOnly = parts.every((p) => ALIASES[p] && !NAMES_WEAK.has(p));
  for (const part of parts) {
    let chosen: CipherSuite[];
    const alias = ALIASES[part];
    if (alias) {
      chosen = CATALOG.filter((s) => alias(s) && (!familyOnly || builtToday(s)));
    } else {
      const suite = parseCipherSuite(part);
      if (!suite) return undefined;
      const known =
        CATALOG.find((c) => c.name === suite.name.toUpperCase()) ?? CATALOG.find((c) => keyOf(c) === keyOf(suite));
      chosen = [known ?? suite];
    }
    out = out ? out.filter((s) => chosen.includes(s)) : chosen;
  }
  return out;
}

/**
 * Evaluates an OpenSSL cipher string as OpenSSL does: terms separated by `:`, `,`, `;` or spaces; a plain term
 * appends its suites (not those deleted with `!`); `-` removes them; `!` removes them for good; `+` moves
 * them to the end; `a+b` selects suites in both; `@STRENGTH` and `@SECLEVEL=n` only order or filter.
 */
export function analyzeCipherString(str: string): CipherStringAnalysis {
  const list: CipherSuite[] = [];
  const banned = new Set<CipherSuite>();
  const unknown: string[] = [];
  // `DEFAULT@SECLEVEL=1` is `DEFAULT` then `@SECLEVEL=1`: a `@` command needs no separator.
  for (const raw of str.split(/[:,; \t\r\n]+/).map((t) => t.split('@')[0])) {
    if (!raw) continue;
    const op = raw[0] === '!' || raw[0] === '-' || raw[0] === '+' ? raw[0] : '';
    const term = op ? raw.slice(1) : raw;
    const suites = select(term);
    if (!suites) {
      unknown.push(raw);
      continue;
    }
    if (op === '!') {
      for (const s of suites) banned.add(s);
      for (let i = list.length - 1; i >= 0; i--) if (banned.has(list[i])) list.splice(i, 1);
    } else if (op === '-') {
      const set = new Set(suites);
      for (let i = list.length - 1; i >= 0; i--) if (set.has(list[i])) list.splice(i, 1);
    } else if (op === '+') {
      const set = new Set(suites);
      const moved = list.filter((s) => set.has(s));
      const kept = list.filter((s) => !set.has(s));
      list.splice(0, list.length, ...kept, ...moved);
    } else {
      for (const s of suites) if (!banned.has(s) && !list.includes(s)) list.push(s);
    }
  }
  const weak = list.map((s) => ({ suite: s.name, reasons: suiteWeakness(s) })).filter((w) => w.reasons.length > 0);
  const found = new Set(weak.flatMap((w) => w.reasons));
  return { enabled: list, weak, reasons: REASON_ORDER.filter((r) => found.has(r)), unknown };
}

/** Whether a cipher string enables any weak suite. */
export function isWeakCipherString(str: string): boolean {
  return analyzeCipherString(str).weak.length > 0;
}

/** A short human list of the reasons: "RC4, 3DES and MD5". */
export function describeWeakness(reasons: readonly WeakReason[]): string {
  const words = reasons.map((r) => (r === 'anonymous' ? 'anonymous (aNULL)' : r));
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/**
 * The fix every weak-cipher detector offers for a cipher string literal: Mozilla's "intermediate" list
 * in the literal's quotes. Unsafe: peers that speak only the dropped suites stop connecting.
 */
export function intermediateCiphersFix(literal: { startIndex: number; endIndex: number }, quote: string): Fix {
  return {
    title: 'Use Mozilla\'s "intermediate" cipher list',
    safety: 'unsafe',
    edits: [
      { start: literal.startIndex, end: literal.endIndex, newText: `${quote}${MOZILLA_INTERMEDIATE_CIPHERS}${quote}` },
    ],
  };
}

export type SuiteClass = 'insecure' | 'weak' | 'ok';

/**
 * Classifies a cipher suite by its IANA (or JSSE `SSL_`) name against Mozilla's "intermediate"
 * profile: TLS 1.3 suites and ECDHE/DHE with AES-GCM or ChaCha20-Poly1305 are in; NULL, anonymous,
 * EXPORT, RC4, DES/3DES, MD5 and the other broken parts (engine/ciphers.ts) are insecure; anything
 * else (CBC, static RSA key exchange...) is weak, outside the profile. Signalling values
 * (`*_SCSV`) and names that are not suites are left alone.
 */
export function classifyCipherSuite(name: string): SuiteClass {
  const suite = parseCipherSuite(name);
  if (!suite) return 'ok';
  if (suiteWeakness(suite).length > 0) return 'insecure';
  if (suite.kx === 'TLS13') return 'ok';
  const forwardSecret =
    (suite.kx === 'ECDHE' && (suite.au === 'RSA' || suite.au === 'ECDSA')) ||
    (suite.kx === 'DHE' && suite.au === 'RSA');
  return forwardSecret && (suite.mode === 'GCM' || suite.enc === 'CHACHA20') ? 'ok' : 'weak';
}

/** What is wrong with a suite, for messages. */
export function suiteProblem(name: string): string {
  const suite = parseCipherSuite(name);
  if (!suite) return 'it is outside the Mozilla intermediate profile';
  const reasons = suiteWeakness(suite);
  if (reasons.length > 0)
    return `it relies on ${describeWeakness(reasons)}, which ${reasons.length > 1 ? 'are' : 'is'} broken or too weak`;
  if (suite.kx === 'RSA') return 'static RSA key exchange has no forward secrecy';
  if (suite.mode === 'CBC') return 'CBC-mode suites are outside the Mozilla intermediate profile';
  return 'it is outside the Mozilla intermediate profile';
}

/**
 * Mozilla's "intermediate" suites by IANA name, as JSSE and OkHttp spell them: the TLS 1.3 suites, then
 * MOZILLA_INTERMEDIATE_CIPHERS in the same order. The fix of a weak JVM suite list writes these.
 */
export const MOZILLA_INTERMEDIATE_SUITES: readonly string[] = [
  'TLS_AES_128_GCM_SHA256',
  'TLS_AES_256_GCM_SHA384',
  'TLS_CHACHA20_POLY1305_SHA256',
  'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256',
  'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256',
  'TLS_DHE_RSA_WITH_AES_128_GCM_SHA256',
  'TLS_DHE_RSA_WITH_AES_256_GCM_SHA384',
  'TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256',
];

/**
 * The same profile as Go crypto/tls constant names: the ECDHE suites of MOZILLA_INTERMEDIATE_SUITES
 * (crypto/tls has no DHE suites; TLS 1.3 suites are not configurable there).
 */
export const MOZILLA_INTERMEDIATE_GO_SUITES = MOZILLA_INTERMEDIATE_SUITES.filter((s) => s.startsWith('TLS_ECDHE_'));
