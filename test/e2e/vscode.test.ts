// The extension in a real VS Code, headless: @vscode/test-electron's runTests drives the suite in
// test/e2e/suite/ on a copy of test/e2e/workspace/. Here VS Code is the server bundled with code-server
// (scripts/vscode-launcher, tools from scripts/e2e-setup.sh); with TLSLINT_E2E_VSCODE=desktop, runTests
// downloads desktop VS Code instead, wherever that is possible.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { runTests } from '@vscode/test-electron';
import { ROOT } from '../helpers';

const TOOLS = process.env.TLSLINT_TOOLS_DIR ?? path.join(ROOT, '.tools');
const STAMP_PREFIX = '.ready-code-server-';

function toolsReady(): boolean {
  return fs.existsSync(TOOLS) && fs.readdirSync(TOOLS).some((f) => f.startsWith(STAMP_PREFIX));
}

test('the extension passes its end-to-end suite in VS Code', { timeout: 10 * 60_000 }, async (t) => {
  const desktop = process.env.TLSLINT_E2E_VSCODE === 'desktop';
  if (process.env.TLSLINT_SKIP_E2E === '1') {
    t.skip('TLSLINT_SKIP_E2E=1');
    return;
  }
  if (!desktop && !toolsReady()) {
    const why = `headless VS Code is not installed in ${TOOLS}: run bash scripts/e2e-setup.sh`;
    // In CI a missing tool is a failure, never a silent skip.
    if (process.env.CI === 'true') assert.fail(why);
    t.skip(why);
    return;
  }
  // The suite changes settings and documents: it works on a copy, a multi-root workspace of two folders
  // (the first holds the fixtures and the .tlslint.json; the second has no config).
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'tlslint-e2e-ws-'));
  fs.cpSync(path.join(ROOT, 'test/e2e/workspace'), path.join(scratch, 'main'), { recursive: true });
  fs.cpSync(path.join(ROOT, 'test/e2e/workspace-second'), path.join(scratch, 'second'), { recursive: true });
  const workspace = path.join(scratch, 'tlslint-e2e.code-workspace');
  fs.writeFileSync(
    workspace,
    JSON.stringify({ folders: [{ path: 'main' }, { path: 'second' }], settings: {} }, null, 2),
  );
  const screenshot = path.join(ROOT, 'test/e2e/output/workbench.png');
  const started = Date.now();
  try {
    const code = await runTests({
      ...(desktop ? {} : { vscodeExecutablePath: path.join(ROOT, 'scripts/vscode-launcher') }),
      // TLSLINT_E2E_EXTENSION=<folder> tests another copy of the extension, e.g. an unzipped .vsix's `extension/`.
      extensionDevelopmentPath: process.env.TLSLINT_E2E_EXTENSION ?? ROOT,
      extensionTestsPath: path.join(ROOT, 'out/test/e2e/suite/index.js'),
      launchArgs: [workspace, '--disable-extensions', ...(desktop ? [] : [`--tlslint-screenshot=${screenshot}`])],
    });
    assert.equal(code, 0);
  } finally {
    t.diagnostic(`e2e run: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    fs.rmSync(scratch, { recursive: true, force: true });
  }
});
