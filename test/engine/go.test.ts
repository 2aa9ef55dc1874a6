// Go specifics the fixtures cannot express: the go.mod parser and the module version the host
// passes in `settings.languages.go.version`.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goCallsMayReach, goFunctionSpans, goPackageClause } from '../../server/src/engine/calls/go';
import { compareGoVersions, goVersionOf } from '../../server/src/engine/languages/gomod';
import { screenText } from '../../server/src/engine/lint';
import { WorkspaceView, type WorkspaceIndex } from '../../server/src/engine/workspace';
import { DEFAULT_SETTINGS, type LintSettings } from '../../server/src/engine/types';
import { check } from '../helpers';

function withGo(version: string | undefined): LintSettings {
  return { ...DEFAULT_SETTINGS, languages: { go: version === undefined ? {} : { version } } };
}

const CLIENT = 'package main\n\nimport "crypto/tls"\n\nvar cfg = &tls.Config{ServerName: "example.com"}\n';
const SERVER =
  'package main\n\nimport (\n\t"crypto/tls"\n\t"net/http"\n)\n\nvar srv = &http.Server{TLSConfig: &tls.Config{}}\n';

async function defaults(text: string, version: string | undefined): Promise<number> {
  const r = await check(text, 'main.go', { settings: withGo(version) });
  return r.findings.filter((f) => f.detector === 'go.tls-default-min-version').length;
}

describe('goVersionOf', () => {
  it('reads the go directive', () => {
    assert.equal(goVersionOf('module example.com/m\n\ngo 1.17\n\nrequire golang.org/x/net v0.1.0\n'), '1.17');
    assert.equal(goVersionOf('module m\ngo 1.22.3 // pinned\ntoolchain go1.23.1\n'), '1.22.3');
    assert.equal(goVersionOf('module m\r\ngo 1.21rc2\r\n'), '1.21');
  });
  it('ignores comments, toolchain lines and files without a directive', () => {
    assert.equal(goVersionOf('module m\n// go 1.16\ntoolchain go1.22.0\n'), undefined);
    assert.equal(goVersionOf(''), undefined);
  });
  it('compares versions numerically', () => {
    assert.ok(compareGoVersions('1.9', '1.18') < 0);
    assert.ok(compareGoVersions('1.22.1', '1.22') > 0);
    assert.equal(compareGoVersions('1.18', '1.18.0'), 0);
  });
});

describe('go.tls-default-min-version follows the module version', () => {
  it('reports nothing when the version is unknown', async () => {
    assert.equal(await defaults(CLIENT, undefined), 0);
    assert.equal(await defaults(SERVER, undefined), 0);
  });
  it('clients: before Go 1.18 only', async () => {
    assert.equal(await defaults(CLIENT, '1.17'), 1);
    assert.equal(await defaults(CLIENT, '1.18'), 0);
  });
  it('servers: before Go 1.22 only', async () => {
    assert.equal(await defaults(SERVER, '1.21.5'), 1);
    assert.equal(await defaults(SERVER, '1.22'), 0);
  });
  it('the setting wins over a build constraint', async () => {
    assert.equal(await defaults('//go:build !go1.18\n\n' + CLIENT, '1.21'), 0);
  });
});

describe('go.tls-prefer-server-cipher-suites', () => {
  const text = 'package main\n\nimport "crypto/tls"\n\nvar cfg = &tls.Config{PreferServerCipherSuites: true}\n';
  it('is not deprecated for modules older than Go 1.18', async () => {
    const r = await check(text, 'main.go', { settings: withGo('1.17') });
    assert.equal(r.findings.filter((f) => f.rule === 'deprecated-api').length, 0);
  });
  it('is reported for newer or unknown versions', async () => {
    for (const v of ['1.18', undefined]) {
      const r = await check(text, 'main.go', { settings: withGo(v) });
      assert.equal(r.findings.filter((f) => f.rule === 'deprecated-api').length, 1);
    }
  });
});

describe('Go text screens for calls (engine/calls)', () => {
  it('lists top-level functions, not methods, with spans that end at the next declaration', () => {
    const text =
      'package client\n\nimport "crypto/tls"\n\nfunc New(insecure bool) *tls.Config {\n\treturn &tls.Config{InsecureSkipVerify: insecure}\n}\n\nfunc (c *C) Close() {}\n\nfunc Map[K comparable](k K) {}\n';
    const spans = goFunctionSpans(text);
    assert.deepEqual(
      spans.map((s) => s.name),
      ['New', 'Map'],
    );
    assert.match(text.slice(spans[0].start, spans[0].end), /^func New[\s\S]*InsecureSkipVerify[\s\S]*\}\n\n$/);
    assert.equal(goPackageClause(text), 'client');
    assert.equal(goPackageClause('// Package x does y.\npackage x_test\n'), 'x_test');
  });

  it('a file with no TLS word is read for calls only when a function it calls may reach a sink', () => {
    const texts: Record<string, string> = {
      'pkg/client.go':
        'package pkg\n\nimport "crypto/tls"\n\nfunc newConfig(insecure bool) *tls.Config {\n\treturn &tls.Config{InsecureSkipVerify: insecure}\n}\n',
      'pkg/util.go': 'package pkg\n\nfunc pad(s string, left bool) string { return s }\n',
      'pkg/caller.go': 'package pkg\n\nfunc run() { _ = newConfig(true) }\n',
      'pkg/other.go': 'package pkg\n\nfunc other() { _ = pad("x", true) }\n',
    };
    const index: WorkspaceIndex = {
      lookup: () => 'absent',
      folder: () => undefined,
      folderPaths: (folder) => Object.keys(texts).filter((p) => p.startsWith(`${folder}/`)),
      screen: (p) => (texts[p] === undefined ? 'absent' : (screenText({ text: texts[p], path: p }) ?? 'absent')),
    };
    const reaches = (p: string) =>
      goCallsMayReach(texts[p], p, new WorkspaceView(index, p, 'go', () => undefined), new Set(), (body) =>
        body.has('InsecureSkipVerify'),
      );
    assert.equal(reaches('pkg/caller.go'), true);
    assert.equal(reaches('pkg/other.go'), false);
  });
});
