// The extension manifest (package.json contributes), the document selector and the suppression-comment
// grammar agree with the engine: every setting of interfaces.md, every rule id, every language.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import picomatch from 'picomatch';
import { documentSelector } from '../../client/src/document-selector';
import { LANGUAGES, languageOf } from '../../server/src/engine/languages';
import { CONFIGURABLE_RULE_IDS } from '../../server/src/host/config-schema';
import { ROOT } from '../helpers';

interface Setting {
  type: string;
  default?: unknown;
  scope?: string;
  description?: string;
  markdownDescription?: string;
  properties?: Record<string, { enum?: string[] }>;
}
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const settings: Record<string, Setting> = manifest.contributes.configuration.properties;

describe('package.json contributes', () => {
  it('declares every setting of interfaces.md with a description, a default and a scope', () => {
    const expected = [
      'enable',
      'rules',
      'ignore',
      'run',
      'debounceMs',
      'scanOnStartup',
      'testFiles',
      'maxFileSizeKb',
      'trace.server',
    ].map((k) => `tlslint.${k}`);
    assert.deepEqual(Object.keys(settings).sort(), expected.sort());
    for (const [key, s] of Object.entries(settings)) {
      assert.ok(s.description || s.markdownDescription, `${key} has a description`);
      assert.notEqual(s.default, undefined, `${key} has a default`);
      assert.equal(s.scope, key === 'tlslint.trace.server' ? 'window' : 'resource', `${key} scope`);
    }
  });

  it('offers every configurable rule id, with its severities, in tlslint.rules', () => {
    const props = settings['tlslint.rules'].properties!;
    assert.deepEqual(Object.keys(props).sort(), [...CONFIGURABLE_RULE_IDS].sort());
    for (const p of Object.values(props)) assert.deepEqual(p.enum, ['off', 'information', 'warning', 'error']);
  });

  it('contributes the seven commands in the "TLS Lint" category', () => {
    const ids = manifest.contributes.commands.map((c: { command: string; category: string }) => {
      assert.equal(c.category, 'TLS Lint');
      return c.command;
    });
    assert.deepEqual(
      ids,
      [
        'scanWorkspace',
        'clearWorkspaceFindings',
        'fixAllInFile',
        'showOutput',
        'showDocumentation',
        'restartServer',
        'showRuntimeTlsVersions',
      ].map((c) => `tlslint.${c}`),
    );
    const runtime = manifest.contributes.commands.find(
      (c: { command: string }) => c.command === 'tlslint.showRuntimeTlsVersions',
    );
    assert.equal(runtime.enablement, 'isWorkspaceTrusted', 'it runs programs: trusted workspaces only');
  });

  it('activates on every language the engine maps and on .tlslint.json', () => {
    const events: string[] = manifest.activationEvents;
    for (const info of Object.values(LANGUAGES)) {
      for (const id of info.vscodeIds) assert.ok(events.includes(`onLanguage:${id}`), `onLanguage:${id}`);
    }
    assert.ok(events.includes('workspaceContains:**/.tlslint.json'));
  });

  it('declares limited support for untrusted workspaces and keeps engines.vscode within code-server 4.139 (Code 1.139)', () => {
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.match(manifest.engines.vscode, /^\^1\.(\d+)\.\d+$/);
    assert.ok(Number(/^\^1\.(\d+)/.exec(manifest.engines.vscode)![1]) <= 139);
  });

  const schema = manifest.contributes.jsonValidation[0].url as string;
  const schemaPath = path.join(ROOT, schema);
  it(
    'validates .tlslint.json with the shipped schema',
    { skip: fs.existsSync(schemaPath) ? false : `${schema} is not generated yet` },
    () => {
      assert.equal(manifest.contributes.jsonValidation[0].fileMatch, '.tlslint.json');
      JSON.parse(fs.readFileSync(schemaPath, 'utf8'));
    },
  );
});

describe('document selector', () => {
  const filters = documentSelector();
  const patterns = filters.filter((f) => f.pattern).map((f) => picomatch(f.pattern!, { dot: true }));
  const languages = new Set(filters.map((f) => f.language).filter(Boolean));

  it('sends every VS Code language id the engine maps', () => {
    for (const info of Object.values(LANGUAGES)) for (const id of info.vscodeIds) assert.ok(languages.has(id), id);
  });

  it('matches by path the files VS Code has no language id for', () => {
    const samples = [
      'etc/nginx/nginx.conf',
      'deploy/site.nginx.conf',
      'etc/nginx/sites-enabled/default',
      'etc/nginx/conf.d/tls.conf',
      'etc/apache2/sites-available/000-default.conf',
      'httpd.conf',
      'web/.htaccess',
      'etc/haproxy/haproxy.cfg',
      'haproxy.cfg',
      '.env',
      'svc/.env.production',
      'config.env',
      'Dockerfile',
      'Dockerfile.dev',
      'build/app.dockerfile',
      'home/u/.kube/config',
      'go.mod',
    ];
    for (const s of samples) {
      assert.ok(languageOf(s), `the engine knows ${s}`);
      assert.ok(
        patterns.some((m) => m(`/work/${s}`)),
        `a selector pattern matches ${s}`,
      );
    }
    assert.ok(
      patterns.some((m) => m('/work/project/.tlslint.json')),
      '.tlslint.json (its problems are reported on it)',
    );
  });
});

describe('suppression comment grammar', () => {
  const grammar = JSON.parse(fs.readFileSync(path.join(ROOT, 'syntaxes/tlslint-disable.injection.json'), 'utf8'));
  const directive = grammar.repository.directive;

  it('is contributed as an injection into comments of the supported languages', () => {
    const contrib = manifest.contributes.grammars.find(
      (g: { path: string }) => g.path === './syntaxes/tlslint-disable.injection.json',
    );
    assert.equal(contrib.scopeName, grammar.scopeName);
    assert.equal(grammar.injectionSelector, 'L:comment');
    for (const scope of [
      'source.python',
      'source.js',
      'source.ts',
      'source.tsx',
      'source.go',
      'source.java',
      'source.cs',
      'source.c',
      'source.cpp',
      'source.ruby',
      'source.php',
      'source.rust',
      'source.shell',
      'source.dockerfile',
      'source.yaml',
    ]) {
      assert.ok(contrib.injectTo.includes(scope), scope);
    }
  });

  it('highlights the three directives and exactly the configurable rule ids', () => {
    const begin = new RegExp(directive.begin);
    for (const d of ['tlslint-disable-next-line', 'tlslint-disable-line', 'tlslint-disable-file']) {
      assert.equal(begin.exec(`# ${d} weak-cipher -- legacy peer`)?.[1], d);
    }
    assert.equal(begin.exec('# not-tlslint-disable-line'), null);
    const ids = /\((cert-[^)]*)\)/.exec(directive.patterns[0].match)![1].split('|');
    assert.deepEqual([...ids].sort(), [...CONFIGURABLE_RULE_IDS].sort());
  });
});
