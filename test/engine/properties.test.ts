// Java .properties files: the line reader (keys, separators, escapes, continuations, comments), which paths
// and editor ids are read as properties, suppression comments, and the prefilter that keeps the files cheap.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { languageOf } from '../../server/src/engine/languages';
import { parseProperties } from '../../server/src/engine/languages/properties';
import { prefilterTokens } from '../../server/src/engine/lint';
import { DEFAULT_SETTINGS } from '../../server/src/engine/types';
import { fastLanguageOf } from '../../server/src/host/walk';
import { check } from '../helpers';

describe('properties', () => {
  it('reads keys and values the way java.util.Properties.load does', () => {
    const text = [
      '# comment = not a key',
      '! also a comment',
      'a=1',
      'b : 2',
      'c 3',
      '  d\t=  four words  ',
      'e\\=f=g',
      'h\\ i=j',
      'k=one,\\',
      '    two',
      'l=\\u0041\\t',
      'm',
      'n=trailing\\\\',
      'o=x',
    ].join('\r\n');
    const got = parseProperties(text).map((p) => [p.key, p.value]);
    assert.deepEqual(got, [
      ['a', '1'],
      ['b', '2'],
      ['c', '3'],
      ['d', 'four words  '],
      ['e=f', 'g'],
      ['h i', 'j'],
      ['k', 'one,two'],
      ['l', 'A\t'],
      ['m', ''],
      ['n', 'trailing\\'],
      ['o', 'x'],
    ]);
    const d = parseProperties(text).find((p) => p.key === 'd')!;
    assert.equal(text.slice(d.valueStart, d.valueEnd), 'four words');
    // A comment line ending with a backslash does not continue; a last line ending with one is a value.
    assert.deepEqual(
      parseProperties('# x\\\na=1\nb=\\').map((p) => [p.key, p.value]),
      [
        ['a', '1'],
        ['b', ''],
      ],
    );
  });

  it('reads .properties files by path, before the editor id .env files share', () => {
    for (const p of [
      'src/main/resources/application.properties',
      'src/main/resources/application-prod.properties',
      'config/server.properties',
      'client-ssl.properties',
    ]) {
      assert.equal(languageOf(p), 'properties', p);
      assert.equal(languageOf(p, 'properties'), 'properties', p);
      assert.equal(fastLanguageOf(p), languageOf(p), p);
    }
    assert.equal(languageOf('x/app.config', 'java-properties'), 'properties');
    assert.equal(languageOf('deploy/site.conf', 'properties', 'a=1\n'), 'dotenv');
    assert.equal(languageOf('.env'), 'dotenv');
  });

  it('honours a suppression comment', async () => {
    const text =
      '# tlslint-disable-next-line hostname-verification-disabled -- a lab broker\nssl.endpoint.identification.algorithm=\n';
    const r = await check(text, 'client.properties');
    assert.equal(r.findings.length, 0);
    assert.equal(r.suppressed.length, 1);
  });

  it('a file without TLS settings is skipped by the prefilter', () => {
    const tokens = prefilterTokens('properties', DEFAULT_SETTINGS);
    assert.ok(tokens && tokens.length > 0);
    const i18n = 'greeting=Hello\nfarewell=Goodbye\nlog4j.rootLogger=INFO, stdout\n';
    assert.ok(!tokens.some((t) => i18n.includes(t)));
  });
});
