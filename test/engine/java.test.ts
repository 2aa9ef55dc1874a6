// The cipher suite classification shared by the Go, Java and Kotlin weak-cipher detectors:
// broken parts (engine/ciphers.ts) are insecure, anything outside Mozilla's intermediate profile is weak.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  MOZILLA_INTERMEDIATE_CIPHERS,
  MOZILLA_INTERMEDIATE_SUITES,
  classifyCipherSuite,
  parseCipherSuite,
} from '../../server/src/engine/ciphers';

describe('classifyCipherSuite', () => {
  it('insecure: NULL, anonymous, EXPORT, RC4, DES/3DES, MD5', () => {
    for (const s of [
      'TLS_RSA_WITH_NULL_SHA256',
      'TLS_DH_anon_WITH_AES_128_GCM_SHA256',
      'SSL_RSA_EXPORT_WITH_DES40_CBC_SHA',
      'TLS_RSA_WITH_RC4_128_SHA',
      'TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA',
      'SSL_RSA_WITH_RC4_128_MD5',
      'TLS_RSA_WITH_DES_CBC_SHA',
    ])
      assert.equal(classifyCipherSuite(s), 'insecure', s);
  });
  it('weak: static RSA key exchange and CBC suites', () => {
    for (const s of [
      'TLS_RSA_WITH_AES_128_GCM_SHA256',
      'TLS_RSA_WITH_AES_256_CBC_SHA',
      'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256',
      'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA',
    ]) {
      assert.equal(classifyCipherSuite(s), 'weak', s);
    }
  });
  it('ok: TLS 1.3, ECDHE/DHE-RSA with AEAD, signalling values, non-suites', () => {
    for (const s of [
      'TLS_AES_128_GCM_SHA256',
      'TLS_CHACHA20_POLY1305_SHA256',
      'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
      'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305',
      'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256',
      'TLS_DHE_RSA_WITH_AES_128_GCM_SHA256',
      'TLS_EMPTY_RENEGOTIATION_INFO_SCSV',
      'TLS_FALLBACK_SCSV',
      'TLSv1.2',
    ])
      assert.equal(classifyCipherSuite(s), 'ok', s);
  });
});

describe('MOZILLA_INTERMEDIATE_SUITES', () => {
  it('is the TLS 1.3 suites and the OpenSSL intermediate string, by IANA name, all in the profile', () => {
    const shape = (name: string): string => {
      const s = parseCipherSuite(name);
      assert.ok(s, name);
      return [s.kx, s.au, s.enc, s.mode, s.mac].join('/');
    };
    const tls12 = MOZILLA_INTERMEDIATE_SUITES.filter((n) => parseCipherSuite(n)?.kx !== 'TLS13');
    assert.deepEqual(tls12.map(shape), MOZILLA_INTERMEDIATE_CIPHERS.split(':').map(shape));
    for (const n of MOZILLA_INTERMEDIATE_SUITES) assert.equal(classifyCipherSuite(n), 'ok', n);
    assert.equal(MOZILLA_INTERMEDIATE_SUITES.length - tls12.length, 3);
  });
});
