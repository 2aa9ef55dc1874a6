// The folder walker: ignore files at every level, default excludes, symlink loops, speed, and the
// fast language check agreeing with languageOf().
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { languageOf } from '../../server/src/engine/languages';
import { fastLanguageOf, walkFiles, type WalkEvent, type WalkOptions } from '../../server/src/host/walk';

function tree(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tlslint-walk-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return root;
}

async function walk(roots: string[], options: WalkOptions = {}): Promise<{ files: string[]; skips: WalkEvent[] }> {
  const files: string[] = [];
  const skips: WalkEvent[] = [];
  for await (const e of walkFiles(roots, options)) {
    if (e.kind === 'file') files.push(path.relative(roots[0], e.path).split(path.sep).join('/'));
    else skips.push(e);
  }
  return { files: files.sort(), skips };
}

describe('walkFiles', () => {
  it('honours .gitignore at every level (deeper wins, negations), .tlslintignore and extra globs', async () => {
    const root = tree({
      '.gitignore': 'build/\n*.gen.py\n',
      'a.py': '',
      'x.gen.py': '',
      'build/b.py': '',
      'src/.gitignore': '!keep.gen.py\nlocal.py\n',
      'src/keep.gen.py': '',
      'src/drop.gen.py': '',
      'src/local.py': '',
      'src/ok.go': '',
      'src/.tlslintignore': 'ok.go\n',
      'docs/readme.md': '',
      'gen/out.py': '',
      Dockerfile: '',
      'deploy/nginx/site.conf': '',
    });
    const { files } = await walk([root], { ignore: ['gen/'] });
    assert.deepEqual(files, ['Dockerfile', 'a.py', 'deploy/nginx/site.conf', 'src/keep.gen.py']);
  });

  it('a folder named below the repository root honours the .tlslintignore files above it; forceExclude skips excluded roots', async () => {
    const root = tree({
      '.git/HEAD': '',
      '.tlslintignore': 'src/skip.py\nvendored/\n',
      'src/a.py': '',
      'src/skip.py': '',
      'vendored/v.py': '',
    });
    const src = path.join(root, 'src');
    assert.deepEqual((await walk([src])).files, ['a.py']);
    // Named: asked for (the exclusion of the folder itself does not apply below it); forceExclude: skipped.
    assert.deepEqual((await walk([path.join(root, 'vendored')])).files, ['v.py']);
    assert.deepEqual((await walk([path.join(src, 'skip.py')])).files, [''], 'the named file itself');
    for (const named of [path.join(root, 'vendored'), path.join(src, 'skip.py')]) {
      const forced = await walk([named], { forceExclude: true });
      assert.deepEqual(forced.files, []);
      assert.deepEqual(
        forced.skips.map((e) => e.path),
        [named],
      );
    }
  });

  it('skips VCS, node_modules and virtualenv folders', async () => {
    const root = tree({
      'a.py': '',
      '.git/hooks/x.py': '',
      'node_modules/p/i.js': '',
      'env/pyvenv.cfg': '',
      'env/lib/s.py': '',
      '__pycache__/m.py': '',
    });
    assert.deepEqual((await walk([root])).files, ['a.py']);
  });

  it('survives symbolic link loops and reports them; follows links to folders once', async () => {
    const root = tree({ 'a/x.py': '', 'b/y.py': '' });
    fs.symlinkSync('..', path.join(root, 'a', 'up'));
    fs.symlinkSync(path.join(root, 'b'), path.join(root, 'a', 'b-link'));
    fs.symlinkSync('missing.py', path.join(root, 'dangling.py'));
    const { files, skips } = await walk([root]);
    assert.equal(files.filter((f) => f.endsWith('y.py')).length, 1, files.join());
    assert.ok(files.includes('a/x.py'));
    assert.ok(skips.some((s) => s.kind === 'skip' && s.path.endsWith('up') && /loop/.test(s.reason)));
    assert.ok(skips.some((s) => s.kind === 'skip' && s.path.endsWith('dangling.py') && /broken/.test(s.reason)));
    const noFollow = await walk([root], { followSymlinks: false });
    assert.deepEqual(noFollow.files, ['a/x.py', 'b/y.py']);
  });

  it(
    'reports an unreadable folder as a skip and goes on',
    { skip: process.getuid?.() === 0 ? 'root reads every folder' : false },
    async () => {
      const root = tree({ 'a.py': '', 'locked/b.py': '' });
      fs.chmodSync(path.join(root, 'locked'), 0);
      try {
        const { files, skips } = await walk([root]);
        assert.deepEqual(files, ['a.py']);
        assert.ok(skips.some((s) => s.path.endsWith('locked')));
      } finally {
        fs.chmodSync(path.join(root, 'locked'), 0o755);
      }
    },
  );

  it('yields a file root as is; supportedOnly false yields every file; stops when aborted', async () => {
    const root = tree({ 'notes.txt': '', 'a.py': '', 'b.py': '' });
    const single = await walk([path.join(root, 'a.py')]);
    assert.equal(single.files.length, 1);
    assert.deepEqual((await walk([root], { supportedOnly: false })).files, ['a.py', 'b.py', 'notes.txt']);
    const ac = new AbortController();
    ac.abort();
    assert.deepEqual((await walk([root], { signal: ac.signal })).files, []);
  });

  it('walks 13,000 files in well under a second', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tlslint-walk-big-'));
    for (let d = 0; d < 130; d++) {
      const dir = path.join(root, `pkg${d}`, 'sub');
      fs.mkdirSync(dir, { recursive: true });
      for (let f = 0; f < 100; f++) fs.writeFileSync(path.join(dir, `m${f}.${f % 10 === 0 ? 'txt' : 'py'}`), '');
    }
    const started = process.hrtime.bigint();
    let n = 0;
    for await (const e of walkFiles([root], {})) if (e.kind === 'file') n++;
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    assert.equal(n, 130 * 90);
    // A bound far above any normal walk, even on a loaded machine: it catches a walk gone quadratic.
    assert.ok(ms < 3000, `walk took ${ms} ms`);
  });
});

describe('fastLanguageOf', () => {
  it('agrees with languageOf on ordinary and special paths', () => {
    const names = [
      'a.py',
      'A.PY',
      'x.js',
      'y.tsx',
      'z.go',
      'go.mod',
      'Dockerfile',
      'Dockerfile.dev',
      'api.dockerfile',
      'Containerfile',
      '.env',
      '.env.local',
      'settings.env',
      'env.py',
      'nginx.conf',
      'site.nginx.conf',
      'my-nginx.conf',
      'x.nginx',
      'httpd.conf',
      'ssl.conf',
      '.htaccess',
      'haproxy.cfg',
      'config',
      'Gemfile',
      'Rakefile',
      'x.gemspec',
      'README',
      'notes.txt',
      'a.b.c',
      '.bashrc',
      'kubeconfig',
      'values.yaml',
      'x.yml',
      'main.rs',
      'a.c',
      'a.H',
      'a.hpp',
      'a.kt',
      'build.gradle.kts',
      '.profile',
    ];
    const dirs = [
      '/w',
      '/w/nginx',
      '/w/nginx/sites-enabled',
      '/w/apache2/conf-enabled',
      '/w/httpd',
      '/w/haproxy',
      '/home/u/.kube',
      '/w/docker',
    ];
    for (const d of dirs) {
      for (const n of names) {
        const abs = `${d}/${n}`;
        assert.equal(fastLanguageOf(abs, n, /nginx|apache|httpd|haproxy|\.kube/i.test(d)), languageOf(abs), abs);
      }
    }
  });
});
