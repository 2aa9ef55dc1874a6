// JSON configuration (appsettings*.json, VS Code settings) specifics the fixtures cannot express: which
// paths are read, suppression comments, syntax errors, and the fix offered for review in a development file.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixAll } from '../../server/src/engine/fix';
import { languageOf } from '../../server/src/engine/languages';
import { parseJsonc } from '../../server/src/engine/languages/jsonc';
import { fastLanguageOf } from '../../server/src/host/walk';
import { check, getGrammars } from '../helpers';

const YARP = `{
  "ReverseProxy": {
    "Clusters": {
      "c": {
        "HttpClient": { "DangerousAcceptAnyServerCertificate": true }
      }
    }
  }
}
`;

describe('json-config', () => {
  it('reads appsettings files and VS Code settings, and no other JSON', () => {
    for (const p of [
      'appsettings.json',
      'src/Api/appsettings.json',
      'src/Api/appsettings.Development.json',
      'src/Api/AppSettings.Production.json',
      'app/.vscode/settings.json',
      '.vscode/settings.json',
      'team.code-workspace',
      '.devcontainer/devcontainer.json',
      '.devcontainer.json',
      'gateway/ocelot.json',
      'gateway/ocelot.Development.json',
    ])
      assert.equal(languageOf(p), 'json-config', p);
    for (const p of [
      'settings.json',
      'config/settings.json',
      'appsettings.schema.json.bak',
      'package-lock.json',
      'data/users.json',
      '.vscode/launch.json',
      'tsconfig.json',
    ])
      assert.notEqual(languageOf(p), 'json-config', p);
  });

  it('the walk answers as languageOf', () => {
    for (const p of [
      'src/appsettings.Staging.json',
      'a/.vscode/settings.json',
      'x.code-workspace',
      'a/settings.json',
      '.devcontainer/devcontainer.json',
      'gw/ocelot.Production.json',
    ])
      assert.equal(fastLanguageOf(p), languageOf(p), p);
  });

  it('honours a suppression comment', async () => {
    const text = YARP.replace(
      '        "HttpClient"',
      '        // tlslint-disable-next-line cert-verification-disabled -- a lab destination\n        "HttpClient"',
    );
    const r = await check(text, 'appsettings.json');
    assert.equal(r.findings.length, 0);
    assert.equal(r.suppressed.length, 1);
  });

  it('survives syntax errors and reads the intact parts', async () => {
    assert.doesNotThrow(() => parseJsonc('{ "a": [1, 2,, } /* open'));
    const r = await check(YARP.replace('"c": {', '"c": { "Oops": ,'), 'appsettings.json');
    assert.deepEqual(r.errors, []);
    assert.equal(r.findings.length, 1);
    // A byte-order mark, as Visual Studio writes appsettings.json.
    assert.equal((await check('\ufeff' + YARP, 'appsettings.json')).findings.length, 1);
    assert.equal((await check('', 'appsettings.json')).findings.length, 0);
    assert.equal((await check('[1, 2', '.vscode/settings.json')).findings.length, 0);
  });

  it('fixes in appsettings.json, offers the fix for review in appsettings.Development.json', async () => {
    const prod = await check(YARP, 'appsettings.json');
    assert.equal(prod.findings[0].fixes[0].safety, 'safe');
    const fixed = fixAll({ text: YARP, path: 'appsettings.json' }, await getGrammars());
    assert.match(fixed.text, /"DangerousAcceptAnyServerCertificate": false/);
    assert.equal(parseJsonc(fixed.text).errors, 0);
    const dev = await check(YARP, 'src/appsettings.Development.json');
    assert.equal(dev.findings.length, 1);
    assert.equal(dev.findings[0].fixes[0].safety, 'unsafe');
  });

  it('a templated value is an opt-in path with no fix', async () => {
    const r = await check(YARP.replace('true', '"${ACCEPT_ANY_CERT}"'), 'appsettings.json');
    assert.equal(r.findings.length, 1);
    assert.equal(r.findings[0].kind, 'opt-in');
    assert.equal(r.findings[0].fixes.length, 0);
  });
});
