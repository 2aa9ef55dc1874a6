// `npm run package` on a clean clone: the .vsix builds offline, holds what the installed extension needs
// (bundles, grammars, schema, suppression-comment grammar, the rule pages the README links) and nothing
// of the development tree (sources, tests, source maps, node_modules).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { ROOT } from '../helpers';
import { buildVsix, zipEntries } from './vsix';

describe('the .vsix package', () => {
  let entries: string[] = [];
  before(() => {
    entries = zipEntries(buildVsix());
  });

  it('holds the bundles, the tree-sitter runtime and every grammar', () => {
    for (const f of ['extension.js', 'server.js', 'web-tree-sitter.wasm']) {
      assert.ok(entries.includes(`extension/dist/${f}`), `dist/${f} is packaged`);
    }
    const grammars = JSON.parse(fs.readFileSync(path.join(ROOT, 'server/src/engine/grammars.json'), 'utf8')) as Record<
      string,
      { file: string }
    >;
    for (const { file } of Object.values(grammars)) {
      assert.ok(entries.includes(`extension/dist/grammars/${file}`), `grammar ${file} is packaged`);
    }
  });

  it('holds the manifest, the config schema, the injection grammar, README, LICENSE and CHANGELOG', () => {
    for (const f of [
      'extension/package.json',
      'extension/schemas/tlslint.schema.json',
      'extension/syntaxes/tlslint-disable.injection.json',
      'extension/readme.md',
      'extension/LICENSE.txt',
      'extension/changelog.md',
      'extension/images/icon.png',
    ]) {
      assert.ok(entries.includes(f), `${f} is packaged`);
    }
  });

  it('ships every rule page, and every relative link of the README resolves inside the package', () => {
    for (const f of fs.readdirSync(path.join(ROOT, 'docs/rules'))) {
      assert.ok(entries.includes(`extension/docs/rules/${f}`), `docs/rules/${f} is packaged`);
    }
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const links = [...readme.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)].map((m) => m[1]);
    const relative = links.filter((l) => !/^[a-z][a-z0-9+.-]*:/i.test(l));
    assert.ok(relative.length > 0, 'the README links the rule pages relatively');
    for (const l of relative) {
      assert.ok(entries.includes(path.posix.join('extension', l)), `README link ${l} resolves in the package`);
    }
  });

  it('leaves out sources, tests, source maps, node_modules and development files', () => {
    const bad = entries.filter(
      (e) =>
        /^extension\/(server|client|test|scripts|bench|node_modules|out|\.tools)\//.test(e) ||
        /\.(ts|map|tsbuildinfo)$/.test(e) ||
        /^extension\/(tsconfig|eslint|\.prettier|\.vscodeignore|package-lock)/.test(e),
    );
    assert.deepEqual(bad, []);
  });

  it('declares no placeholder repository URL', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      repository?: { url?: string };
    };
    assert.ok(!/\.invalid\b|example\./.test(manifest.repository?.url ?? ''), 'no invented repository URL');
  });
});
