// Command lines built in code (engine/cmdline) and server configurations recognised by their content
// (languageOf's sniff): what the fixtures in test/fixtures/shell do not show on their own.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { applyEdits, fixAll } from '../../server/src/engine/fix';
import { isConfCandidate, languageOf, sniffServerConf } from '../../server/src/engine/languages';
import { lint } from '../../server/src/engine/lint';
import { walkFiles } from '../../server/src/host/walk';
import { getGrammars, lineOf } from '../helpers';

async function findings(text: string, file: string) {
  return lint({ text, path: file }, await getGrammars()).findings;
}

describe('command lines built in code', () => {
  it('reports the option where the code writes it, with the program as the user wrote it', async () => {
    const text = 'import subprocess\nsubprocess.run(["/usr/bin/curl", "-sS", "--insecure", url])\n';
    const [f, ...rest] = await findings(text, 'app/fetch.py');
    assert.equal(rest.length, 0);
    assert.equal(f.detector, 'shell.curl-insecure');
    assert.equal(text.slice(f.start, f.end), '"--insecure"');
    assert.match(f.message, /`curl --insecure`/);
    // The safe fix removes the element and its comma, and the result is still Python.
    const fixed = applyEdits(text, f.fixes[0].edits);
    assert.equal(fixed, 'import subprocess\nsubprocess.run(["/usr/bin/curl", "-sS", url])\n');
  });

  it('splits a shell string with its offsets: a word after an interpolation is found and removed', async () => {
    const text = 'const { execSync } = require("child_process");\nexecSync(`curl -o ${out} -k ${url}`);\n';
    const [f] = await findings(text, 'fetch.js');
    assert.equal(text.slice(f.start, f.end), '-k');
    assert.equal(
      fixAll({ text, path: 'fetch.js' }, await getGrammars()).text,
      'const { execSync } = require("child_process");\nexecSync(`curl -o ${out} ${url}`);\n',
    );
  });

  it('an escaped string is read by its value but not edited (its offsets are not the value)', async () => {
    const text = 'import os\nos.system("curl -\\x6b --insecure https://example.com")\n';
    const [f] = await findings(text, 'run.py');
    assert.ok(f, 'the escaped -k is read');
    assert.equal(f.fixes.length, 0);
  });

  it('a flag-controlled append is an opt-in with no safe fix, a constant one an error', async () => {
    const text = [
      'import subprocess',
      'def get(url, insecure=False):',
      '    cmd = ["curl", "-sS"]',
      '    if insecure:',
      '        cmd.append("-k")',
      '    subprocess.run(cmd + [url])',
      'def get_always(url):',
      '    cmd = ["curl", "-sS"]',
      '    cmd.append("--proxy-insecure")',
      '    subprocess.run(cmd + [url])',
      '',
    ].join('\n');
    const found = await findings(text, 'get.py');
    const byLine = new Map(found.map((f) => [lineOf(text, f.start), f]));
    assert.equal(byLine.get(5)?.kind, 'opt-in');
    assert.equal(byLine.get(5)?.severity, 'information');
    assert.ok(byLine.get(5)?.fixes.every((x) => x.safety === 'unsafe'));
    assert.equal(byLine.get(9)?.kind, undefined);
    assert.equal(byLine.get(9)?.severity, 'error');
  });

  it('a list whose head is another program, or text that is never run, is no command of curl', async () => {
    const text = [
      'import subprocess, logging',
      'subprocess.run(["grep", "-k", "curl"])',
      'subprocess.run(["echo", "curl", "-k"])',
      'logging.warning("run curl -k %s", url)',
      'HELP = "curl -k skips verification"',
      'subprocess.run(["curl", "-u", "-k", url])',
      '',
    ].join('\n');
    assert.deepEqual(await findings(text, 'neg.py'), []);
  });

  it('an assertion on an argument vector is not configuration', async () => {
    const text = 'def test_cmd():\n    assert build() == ["curl", "-k", url]\n';
    assert.deepEqual(await findings(text, 'src/check.py'), []);
  });
});

describe('server configurations by content', () => {
  it('sniffs nginx and Apache, and leaves other .conf files alone', () => {
    assert.equal(sniffServerConf('server {\n  listen 443 ssl;\n}\n'), 'nginx');
    assert.equal(sniffServerConf('ssl_protocols TLSv1.2 TLSv1.3;\n'), 'nginx');
    assert.equal(sniffServerConf('  location /api {\n    proxy_pass http://x;\n  }\n'), 'nginx');
    assert.equal(sniffServerConf('<VirtualHost *:443>\n  SSLEngine on\n</VirtualHost>\n'), 'apache');
    assert.equal(sniffServerConf('SSLProtocol -all +TLSv1.2\n'), 'apache');
    for (const other of [
      'net.ipv4.ip_forward = 1\n',
      "[program:nginx]\ncommand=nginx -g 'daemon off;'\n",
      '<source>\n  @type forward\n</source>\n',
      '/var/log/nginx/*.log {\n  weekly\n}\n',
      'tls-protocols "TLSv1.1 TLSv1.2"\n',
      '[https]\nsslVersion = TLSv1\n',
      'ssl.engine = "enable"\n',
      'server:\n  interface: 0.0.0.0\n',
    ])
      assert.equal(sniffServerConf(other), undefined, other);
  });

  it('languageOf: the path first, then the content of a .conf (before the editor calls it "properties")', () => {
    const nginx = 'server {\n  ssl_protocols TLSv1 TLSv1.2;\n}\n';
    assert.equal(languageOf('deploy/site.conf', undefined, nginx), 'nginx');
    assert.equal(languageOf('deploy/site.conf', 'properties', nginx), 'nginx');
    assert.equal(languageOf('deploy/site.conf', 'properties', 'a=1\n'), 'dotenv');
    assert.equal(languageOf('deploy/site.conf'), undefined);
    assert.equal(languageOf('conf/httpd-ssl.conf.template', undefined, 'SSLProtocol all\n'), 'apache');
    // Template suffixes of a recognised name need no content.
    assert.equal(languageOf('roles/web/templates/nginx.conf.j2'), 'nginx');
    assert.equal(languageOf('templates/httpd.conf.erb'), 'apache');
    // A template named after its server (docker-gen's `nginx.tmpl`); a bare `nginx` file is not one.
    assert.equal(languageOf('nginx.tmpl'), 'nginx');
    assert.equal(languageOf('conf/haproxy.j2'), 'haproxy');
    assert.equal(languageOf('templates/apache2.erb'), 'apache');
    assert.equal(languageOf('bin/nginx'), undefined);
    assert.equal(languageOf('web.tmpl'), undefined);
    // Not a configuration name: never sniffed.
    assert.equal(languageOf('notes.txt', undefined, nginx), undefined);
    assert.ok(isConfCandidate('a/b/site.conf.template') && isConfCandidate('x.vhost') && !isConfCandidate('x.cfg'));
    // A site file without an extension in an nginx/ folder (GitLab's `lib/support/nginx/gitlab-ssl`).
    assert.equal(languageOf('deployment/nginx/app-ssl', undefined, nginx), 'nginx');
    assert.equal(languageOf('deployment/nginx/README', undefined, '# How to set up\n'), undefined);
    assert.equal(languageOf('deployment/nginx/app-ssl'), undefined);
    assert.ok(!isConfCandidate('bin/nginx') && !isConfCandidate('nginx/notes.txt') && isConfCandidate('apache/site'));
  });

  it('a sniffed configuration is linted, and the CLI walk yields it', async () => {
    const text = 'server {\n    listen 443 ssl;\n    ssl_protocols TLSv1 TLSv1.2;\n}\n';
    const found = await findings(text, 'deploy/site.conf');
    assert.equal(found.length, 1);
    assert.equal(found[0].rule, 'legacy-protocol');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tlslint-conf-'));
    try {
      fs.mkdirSync(path.join(dir, 'deploy'));
      fs.writeFileSync(path.join(dir, 'deploy', 'site.conf'), text);
      fs.writeFileSync(path.join(dir, 'notes.txt'), text);
      fs.mkdirSync(path.join(dir, 'deploy', 'nginx'));
      fs.writeFileSync(path.join(dir, 'deploy', 'nginx', 'app-ssl'), text);
      const seen: string[] = [];
      for await (const e of walkFiles([dir])) if (e.kind === 'file') seen.push(path.relative(dir, e.path));
      assert.deepEqual(seen.sort(), [path.join('deploy', 'nginx', 'app-ssl'), path.join('deploy', 'site.conf')]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
