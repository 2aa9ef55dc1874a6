// The cipher-string analyzer: OpenSSL's evaluation of `!`, `-`, `+`, aliases and suite names, and the weak classes.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  MOZILLA_INTERMEDIATE_CIPHERS,
  analyzeCipherString,
  cipherSuiteWeakness,
  describeWeakness,
  isWeakCipherString,
  parseCipherSuite,
} from '../../server/src/engine/ciphers';

describe('analyzeCipherString', () => {
  const weak: [string, string[]][] = [
    ['ALL', ['anonymous', 'EXPORT', 'RC4', 'DES', '3DES', 'RC2', 'IDEA', 'SEED', 'MD5']],
    ['ALL:!aNULL', ['EXPORT', 'RC4', 'DES', '3DES', 'RC2', 'IDEA', 'SEED', 'MD5']],
    ['DEFAULT:RC4', ['anonymous', 'EXPORT', 'RC4', 'MD5']],
    ['NULL', ['NULL', 'anonymous', 'MD5']],
    ['eNULL', ['NULL', 'anonymous', 'MD5']],
    ['aNULL', ['NULL', 'anonymous', 'EXPORT', 'RC4', 'DES', '3DES', 'SEED', 'MD5']],
    ['HIGH', ['anonymous']],
    ['HIGH:MEDIUM:!aNULL', ['RC4', '3DES', 'IDEA', 'SEED', 'MD5']],
    ['DES-CBC3-SHA', ['3DES']],
    ['RC4-SHA', ['RC4']],
    ['NULL-MD5', ['NULL', 'MD5']],
    ['EXP-RC4-MD5', ['EXPORT', 'RC4', 'MD5']],
    ['ECDHE-RSA-AES128-GCM-SHA256:TLS_RSA_WITH_3DES_EDE_CBC_SHA', ['3DES']],
    // LOW includes ADH-DES-CBC-SHA.
    ['LOW', ['anonymous', 'DES']],
    ['LOW:!aNULL', ['DES']],
    ['EXPORT', ['anonymous', 'EXPORT', 'RC4', 'DES', 'RC2', 'MD5']],
    ['ADH-AES256-SHA', ['anonymous']],
    // A family alias brings in what OpenSSL 1.1.0+ builds: no NULL, RC4 or 3DES suites; anonymous ones stay.
    ['AECDH', ['anonymous']],
    ['PSK:RC4', ['anonymous', 'EXPORT', 'RC4', 'MD5']],
    ['PSK+3DES', ['3DES']],
    ['kEDH', ['anonymous']],
    ['ALL:COMPLEMENTOFALL', ['NULL', 'anonymous', 'EXPORT', 'RC4', 'DES', '3DES', 'RC2', 'IDEA', 'SEED', 'MD5']],
    ['HIGH:!aNULL:3DES', ['3DES']],
    ['ALL@SECLEVEL=0:!aNULL:!eNULL', ['EXPORT', 'RC4', 'DES', '3DES', 'RC2', 'IDEA', 'SEED', 'MD5']],
    // `-` removes, but a later plain term adds back.
    ['HIGH:-aNULL:ADH-AES128-SHA', ['anonymous']],
    ['IDEA-CBC-SHA', ['IDEA']],
    ['SEED-SHA', ['SEED']],
    // The DES alias includes the export and anonymous DES suites.
    ['ECDHE+AESGCM:DES', ['anonymous', 'EXPORT', 'DES']],
    ['ECDHE+AESGCM:DES:!aNULL:!EXPORT', ['DES']],
    ['EECDH+AESGCM EDH+AESGCM RC4', ['anonymous', 'EXPORT', 'RC4', 'MD5']],
    ['EECDH+AESGCM EDH+AESGCM RC4-SHA', ['RC4']],
    ['HIGH;!aNULL;RC4-MD5', ['RC4', 'MD5']],
    ['HIGH,!aNULL,MD5', ['NULL', 'EXPORT', 'RC4', 'RC2', 'MD5']],
  ];
  for (const [str, reasons] of weak) {
    it(`${str} is weak (${reasons.join(', ')})`, () => {
      const a = analyzeCipherString(str);
      assert.deepEqual(a.reasons, reasons);
      assert.equal(isWeakCipherString(str), true);
    });
  }

  const ok = [
    // Family aliases on their own: OpenSSL 1.1.0+ builds no weak suite into them.
    'PSK',
    'kRSA:aECDSA',
    'HIGH:!aNULL:!MD5:!RC4',
    'HIGH:!aNULL:!eNULL',
    'ECDHE+AESGCM',
    'ECDHE+AESGCM:ECDHE+CHACHA20',
    'EECDH+AESGCM:EDH+AESGCM',
    'DEFAULT',
    'DEFAULT:!3DES',
    'DEFAULT:@SECLEVEL=2',
    'DEFAULT@SECLEVEL=1',
    MOZILLA_INTERMEDIATE_CIPHERS,
    'ECDHE-ECDSA-AES128-GCM-SHA256',
    'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
    'TLS_AES_128_GCM_SHA256:TLS_CHACHA20_POLY1305_SHA256',
    // `!` removes for good: a later plain term cannot add it back.
    'HIGH:!aNULL:ADH-AES128-SHA',
    'ALL:!aNULL:!eNULL:!EXPORT:!LOW:!MEDIUM:!MD5:!RC4:!3DES:!DES:!IDEA:!SEED:!RC2',
    'HIGH:!aNULL:!kRSA:!PSK:!SRP:!MD5:!RC4',
    'ECDH+AESGCM:DH+AESGCM:ECDH+AES256:DH+AES256:ECDH+AES128:DH+AES:!aNULL:!MD5:!DSS',
    'ECDHE-RSA-AES256-SHA384:@STRENGTH',
    'AESGCM:!aNULL',
    '',
  ];
  for (const str of ok) {
    it(`${JSON.stringify(str)} is not weak`, () => {
      assert.deepEqual(analyzeCipherString(str).weak, []);
      assert.equal(isWeakCipherString(str), false);
    });
  }

  it('keeps OpenSSL order: + moves to the end', () => {
    const a = analyzeCipherString('AES128-SHA:ECDHE-RSA-AES128-GCM-SHA256:+AES128-SHA');
    assert.deepEqual(
      a.enabled.map((s) => s.name),
      ['ECDHE-RSA-AES128-GCM-SHA256', 'AES128-SHA'],
    );
  });

  it('records terms it does not understand', () => {
    assert.deepEqual(analyzeCipherString('HIGH:!aNULL:FOO-BAR-BAZ:@STRENGTH').unknown, ['FOO-BAR-BAZ']);
  });

  it('names the weak suites', () => {
    assert.deepEqual(analyzeCipherString('ECDHE+AESGCM:RC4-SHA').weak, [{ suite: 'RC4-SHA', reasons: ['RC4'] }]);
  });
});

describe('cipher suite names', () => {
  it('parses IANA and OpenSSL names alike', () => {
    assert.deepEqual(cipherSuiteWeakness('TLS_RSA_WITH_3DES_EDE_CBC_SHA'), ['3DES']);
    assert.deepEqual(cipherSuiteWeakness('SSL_RSA_WITH_RC4_128_MD5'), ['RC4', 'MD5']);
    assert.deepEqual(cipherSuiteWeakness('TLS_DH_anon_WITH_AES_128_CBC_SHA'), ['anonymous']);
    assert.deepEqual(cipherSuiteWeakness('TLS_ECDH_anon_WITH_NULL_SHA'), ['NULL', 'anonymous']);
    assert.deepEqual(cipherSuiteWeakness('TLS_RSA_EXPORT_WITH_RC4_40_MD5'), ['EXPORT', 'RC4', 'MD5']);
    assert.deepEqual(cipherSuiteWeakness('TLS_RSA_WITH_DES_CBC_SHA'), ['DES']);
    assert.deepEqual(cipherSuiteWeakness('TLS_RSA_WITH_NULL_SHA256'), ['NULL']);
    assert.deepEqual(cipherSuiteWeakness('TLS_RSA_WITH_IDEA_CBC_SHA'), ['IDEA']);
    assert.deepEqual(cipherSuiteWeakness('TLS_NULL_WITH_NULL_NULL'), ['NULL', 'anonymous']);
    assert.deepEqual(cipherSuiteWeakness('TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256'), []);
    assert.deepEqual(cipherSuiteWeakness('TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384'), []);
    assert.deepEqual(cipherSuiteWeakness('TLS_AES_256_GCM_SHA384'), []);
    assert.deepEqual(cipherSuiteWeakness('EDH-RSA-DES-CBC3-SHA'), ['3DES']);
    assert.deepEqual(cipherSuiteWeakness('ECDHE-ECDSA-AES256-GCM-SHA384'), []);
    assert.equal(cipherSuiteWeakness('TLS_EMPTY_RENEGOTIATION_INFO_SCSV'), undefined);
    assert.equal(cipherSuiteWeakness('HIGH'), undefined);
  });

  it('reads the parts of a suite', () => {
    const s = parseCipherSuite('ECDHE-RSA-AES128-GCM-SHA256')!;
    assert.deepEqual([s.kx, s.au, s.enc, s.mode, s.mac, s.export], ['ECDHE', 'RSA', 'AES128', 'GCM', 'AEAD', false]);
    const t = parseCipherSuite('TLS_DHE_DSS_WITH_AES_256_CBC_SHA256')!;
    assert.deepEqual([t.kx, t.au, t.enc, t.mode, t.mac], ['DHE', 'DSS', 'AES256', 'CBC', 'SHA256']);
  });

  it('describes reasons', () => {
    assert.equal(describeWeakness(['RC4', '3DES', 'MD5']), 'RC4, 3DES and MD5');
    assert.equal(describeWeakness(['anonymous']), 'anonymous (aNULL)');
  });
});
