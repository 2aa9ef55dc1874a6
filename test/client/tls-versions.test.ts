// The OpenSSL support table behind "TLS Lint: Show Runtime TLS Versions": parsing and classification.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  OPENSSL_SUPPORT,
  parseOsRelease,
  classifyTlsLibrary,
  parseTlsLibrary,
  renderRuntimeReport,
} from '../../client/src/tls-versions';
import { TABLE } from '../../server/src/engine/deps/advisories';

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

describe('the shared advisory table and distribution builds', () => {
  it('takes OpenSSL support dates from the table outdated-tls-library uses', () => {
    const row = TABLE.eol.openssl.find((r) => r.cycle === '3.0');
    assert.equal(OPENSSL_SUPPORT.find((s) => s.series === '3.0')?.supportedUntil, row?.eol);
  });
  it('names the upstream advisories of an upstream build', () => {
    const c = classifyTlsLibrary('OpenSSL 3.0.7 1 Nov 2022', TODAY);
    assert.ok((c.advisories?.length ?? 0) > 0);
    assert.match(c.detail, /Upstream advisories for this version: CVE-/);
  });
  it("never calls Debian's OpenSSL 3.0.19 end of life from upstream dates", () => {
    const debian = parseOsRelease('PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\n')!;
    const c = classifyTlsLibrary('OpenSSL 3.0.19 27 Jan 2026 (Library: OpenSSL 3.0.19 27 Jan 2026)', TODAY, debian);
    assert.equal(c.status, 'distribution');
    assert.match(c.detail, /Debian GNU\/Linux 12 \(bookworm\).*backports fixes/);
    assert.equal(c.advisories, undefined);
  });
  it('reports a distribution release past its security support', () => {
    const buster = parseOsRelease('PRETTY_NAME="Debian GNU/Linux 10 (buster)"\nID=debian\nVERSION_ID="10"\n')!;
    const c = classifyTlsLibrary('OpenSSL 1.1.1n  15 Mar 2022', TODAY, buster);
    assert.equal(c.status, 'end-of-life');
    assert.match(c.detail, /lost security support on 2024-06-30/);
  });
  it('renders a distribution build as such', () => {
    const debian = parseOsRelease('PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\n')!;
    const md = renderRuntimeReport(
      [
        {
          runtime: 'openssl CLI',
          command: 'openssl version',
          output: 'OpenSSL 3.0.19 27 Jan 2026',
          distribution: debian,
        },
      ],
      TODAY,
    );
    assert.match(md, /\| openssl CLI \|.*distribution build \| Built and patched by Debian/);
  });
});
