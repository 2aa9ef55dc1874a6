// outdated-tls-library through the CLI: manifests are walked, SARIF places results on the manifest's
// version, and `--fix --unsafe-fixes` bumps a pin atomically into a file that still parses.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { runCli, tempDir } from './helpers';

interface SarifResult {
  ruleId: string;
  level: string;
  message: { text: string };
  locations: {
    physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } };
  }[];
}

function tree(): string {
  const dir = tempDir('tlslint-cli-deps-');
  fs.writeFileSync(path.join(dir, 'requirements-prod.txt'), '# pinned\nrequests==2.32.3\npyOpenSSL==17.4.0\n');
  fs.mkdirSync(path.join(dir, 'web'));
  fs.writeFileSync(
    path.join(dir, 'web', 'package-lock.json'),
    '{\n  "lockfileVersion": 3,\n  "packages": {\n    "node_modules/node-forge": { "version": "1.2.1" }\n  }\n}\n',
  );
  fs.writeFileSync(
    path.join(dir, 'Dockerfile'),
    'FROM debian:stretch\nRUN apt-get install -y openssl=1.1.0l-1~deb9u6\n',
  );
  return dir;
}

describe('cli: dependency manifests', () => {
  it('walks manifests and reports SARIF results on the pinned version', async () => {
    const dir = tree();
    try {
      const r = await runCli(['scan', '.', '--format', 'sarif'], { cwd: dir });
      assert.equal(r.code, 1, r.stderr);
      const results = JSON.parse(r.stdout).runs[0].results as SarifResult[];
      const where = results
        .map((x) => {
          const loc = x.locations[0].physicalLocation;
          return `${loc.artifactLocation.uri}:${loc.region.startLine}:${loc.region.startColumn} ${x.ruleId} ${x.level}`;
        })
        .sort();
      assert.deepEqual(where, [
        'Dockerfile:1:13 outdated-tls-library warning',
        'requirements-prod.txt:3:12 outdated-tls-library warning',
        'web/package-lock.json:4:46 outdated-tls-library warning',
      ]);
      assert.match(
        results.find((x) => x.locations[0].physicalLocation.artifactLocation.uri === 'Dockerfile')!.message.text,
        /Debian 9/,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--fix alone leaves pins alone; --unsafe-fixes bumps them into a file that parses', async () => {
    const dir = tree();
    try {
      const file = path.join(dir, 'requirements-prod.txt');
      await runCli(['scan', '.', '--fix'], { cwd: dir });
      assert.equal(fs.readFileSync(file, 'utf8'), '# pinned\nrequests==2.32.3\npyOpenSSL==17.4.0\n');
      await runCli(['scan', '.', '--fix', '--unsafe-fixes'], { cwd: dir });
      assert.equal(fs.readFileSync(file, 'utf8'), '# pinned\nrequests==2.32.3\npyOpenSSL==17.5.0\n');
      const again = await runCli(['scan', 'requirements-prod.txt', '--format', 'json'], { cwd: dir });
      assert.equal(JSON.parse(again.stdout).findings.length, 0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
