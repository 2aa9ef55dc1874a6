// The OpenSSL support table behind "TLS Lint: Show Runtime TLS Versions": parsing and classification.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  OPENSSL_SUPPORT,
  classifyTlsLibrary,
  parseTlsLibrary,
  renderRuntimeReport,
} from '../../client/src/tls-versions';

const TODAY = new Date('2026-11-27T12:00:00Z');

describe('parseTlsLibrary', () => {
  it('reads the openssl CLI, Python and Node forms', () => {
    assert.deepEqual(parseTlsLibrary('OpenSSL 3.0.17 1 Jul 2025 (Library: OpenSSL 3.0.17 1 Jul 2025)'), {
      library: 'OpenSSL',
      version: '3.0.17',
    });
    assert.deepEqual(parseTlsLibrary('OpenSSL 1.1.1w  11 Sep 2023'), { library: 'OpenSSL', version: '1.1.1w' });
    assert.deepEqual(parseTlsLibrary('3.0.15+quic'), { library: 'OpenSSL', version: '3.0.15' });
    assert.deepEqual(parseTlsLibrary('LibreSSL 3.3.6'), { library: 'LibreSSL', version: '3.3.6' });
    assert.equal(parseTlsLibrary('garbage').version, undefined);
  });
});

describe('classifyTlsLibrary on 2026-11-27', () => {
  const status = (t: string): string => classifyTlsLibrary(t, TODAY).status;
  it('marks 1.1.1 and older end-of-life', () => {
    assert.equal(status('OpenSSL 1.1.1w  11 Sep 2023'), 'end-of-life');
    assert.equal(status('OpenSSL 1.0.2u'), 'end-of-life');
    assert.equal(status('OpenSSL 0.9.8zh'), 'end-of-life');
  });
  it('marks 3.0 LTS end-of-life after 2026-09-07, and the short-lived 3.x series too', () => {
    for (const v of ['3.0.17', '3.1.8', '3.2.4', '3.3.3', '3.4.1', '3.6.0'])
      assert.equal(status(`OpenSSL ${v}`), 'end-of-life', v);
  });
  it('marks 3.5 LTS and 4.0 supported, and a series newer than the table supported', () => {
    assert.equal(status('OpenSSL 3.5.4 30 Sep 2025'), 'supported');
    assert.equal(status('OpenSSL 4.0.0'), 'supported');
    assert.equal(status('OpenSSL 4.1.0'), 'supported');
  });
  it('uses the day: 3.0 was supported on its last day', () => {
    assert.equal(classifyTlsLibrary('OpenSSL 3.0.13', new Date('2026-09-07T23:00:00Z')).status, 'supported');
    assert.equal(classifyTlsLibrary('OpenSSL 3.0.13', new Date('2026-09-08T00:00:00Z')).status, 'end-of-life');
  });
  it('does not judge other libraries', () => {
    assert.equal(status('LibreSSL 3.3.6'), 'unknown');
    assert.equal(status('no version here'), 'unknown');
  });
  it('keeps the table sorted by series with ISO dates', () => {
    for (const row of OPENSSL_SUPPORT) assert.match(row.supportedUntil, /^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('renderRuntimeReport', () => {
  it('reports a missing program as such, and classifies the others', () => {
    const md = renderRuntimeReport(
      [
        { runtime: 'openssl CLI', command: 'openssl version', missing: true },
        { runtime: 'Python ssl module', command: 'python3 -c ...', output: 'OpenSSL 3.0.17 1 Jul 2025' },
        { runtime: 'Node.js', command: 'process.versions.openssl', output: '3.5.4' },
      ],
      TODAY,
    );
    assert.match(md, /\| openssl CLI \| `openssl version` \| not found \|/);
    assert.match(
      md,
      /\| Python ssl module \|.*\| \*\*end of life\*\* \| OpenSSL 3\.0 LTS was supported until 2026-09-07/,
    );
    assert.match(md, /\| Node\.js \|.*\| supported \| OpenSSL 3\.5 LTS is supported until 2030-04-08/);
    // Plain ASCII: no emoji or symbol glyphs that render as boxes without an emoji font.
    assert.match(md, /^[\x20-\x7e\n]*$/);
  });
});
