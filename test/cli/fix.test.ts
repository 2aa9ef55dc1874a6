// `tlslint scan --fix`: safe fixes written atomically, BOM, CRLF and file mode kept, idempotent.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { makeTree, runCli, tempDir } from './helpers';

describe('cli --fix', () => {
  it('keeps the BOM, CRLF line breaks and the file mode; leaves no temp file; a second run changes nothing', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'client.py');
    const original = '\ufeffimport requests\r\n\r\n\r\ndef get(u):\r\n    return requests.get(u, verify=False)\r\n';
    fs.writeFileSync(file, original);
    fs.chmodSync(file, 0o755);
    const r = await runCli(['scan', '--fix'], { cwd: dir });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /Fixed 1 finding, no findings in 1 file\./);
    const bytes = fs.readFileSync(file);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'BOM kept');
    const text = bytes.toString('utf8');
    assert.equal(text, original.replace('verify=False', 'verify=True'));
    assert.doesNotMatch(text, /(?<!\r)\n/, 'only CRLF line breaks');
    assert.equal(fs.statSync(file).mode & 0o777, 0o755);
    assert.deepEqual(fs.readdirSync(dir), ['client.py'], 'no temp file left');

    const mtime = fs.statSync(file).mtimeMs;
    const again = await runCli(['scan', '--fix'], { cwd: dir });
    assert.equal(again.code, 0);
    assert.equal(fs.readFileSync(file, 'utf8'), text);
    assert.equal(fs.statSync(file).mtimeMs, mtime, 'an unchanged file is not rewritten');
  });

  it('applies safe fixes only and reports what remains; --unsafe-fixes applies the rest', async () => {
    const dir = makeTree();
    const r = await runCli(['scan', '--fix', '--format', 'json'], { cwd: dir });
    const report = JSON.parse(r.stdout) as { findings: { path: string; rule: string }[]; summary: { fixed: number } };
    assert.ok(report.summary.fixed >= 4, r.stdout);
    const app = fs.readFileSync(path.join(dir, 'app.py'), 'utf8');
    assert.doesNotMatch(app, /verify=False/);
    assert.match(app, /PROTOCOL_TLSv1\)/, 'the unsafe fix is not applied');
    assert.ok(report.findings.some((f) => f.path === 'app.py' && f.rule === 'legacy-protocol'));
    assert.equal(
      fs.readFileSync(path.join(dir, 'suppressed.py'), 'utf8'),
      fs.readFileSync(path.join(dir, 'suppressed.py'), 'utf8'),
    );
    assert.match(
      fs.readFileSync(path.join(dir, 'suppressed.py'), 'utf8'),
      /verify=False/,
      'suppressed findings are not fixed',
    );
    // Binary files and lossily decoded ones are never touched: "not fixed: lossy decode".
    assert.match(fs.readFileSync(path.join(dir, 'latin1.py'), 'latin1'), /verify=False/);
    assert.match(fs.readFileSync(path.join(dir, 'latin1.py'), 'latin1'), /caf\xe9/);

    const unsafe = await runCli(['scan', '--fix', '--unsafe-fixes'], { cwd: dir });
    assert.match(fs.readFileSync(path.join(dir, 'app.py'), 'utf8'), /PROTOCOL_TLS_CLIENT/);
    assert.doesNotMatch(unsafe.stdout, /legacy-protocol/);
  });

  it('does not make a file with syntax errors parse worse', async () => {
    const dir = makeTree();
    const before = fs.readFileSync(path.join(dir, 'broken.py'), 'utf8');
    await runCli(['scan', '--fix', 'broken.py'], { cwd: dir });
    const after = fs.readFileSync(path.join(dir, 'broken.py'), 'utf8');
    assert.equal(after.replace(/verify=True/g, 'verify=False'), before);
  });
});
