// The extension in a real VS Code, headless, as users get it: the .vsix is built (test/packaging/vsix.ts),
// installed with `--install-extension` into a fresh extensions dir, and @vscode/test-electron's runTests
// drives the suite in test/e2e/suite/ against that installed copy, on a copy of test/e2e/workspace/.
// VS Code runs extension tests only beside a development extension: that is a code-less runner written
// to a scratch folder with the compiled suite inside it (so the suite's `require('vscode')` is its own).
// Here VS Code is the server bundled with code-server (scripts/vscode-launcher, which also answers
// `--install-extension` as the `code` CLI does; tools from scripts/e2e-setup.sh); with
// TLSLINT_E2E_VSCODE=desktop, runTests downloads desktop VS Code instead, wherever that is possible.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { downloadAndUnzipVSCode, resolveCliArgsFromVSCodeExecutablePath, runTests } from '@vscode/test-electron';
import { ROOT } from '../helpers';
import { buildVsix } from '../packaging/vsix';

const TOOLS = process.env.TLSLINT_TOOLS_DIR ?? path.join(ROOT, '.tools');
const STAMP_PREFIX = '.ready-code-server-';
const LAUNCHER = path.join(ROOT, 'scripts/vscode-launcher');

/** The development extension the suite runs in: no code, no contributions, nothing to activate. */
const RUNNER_MANIFEST = {
  name: 'tlslint-e2e-runner',
  publisher: 'tlslint-test',
  version: '0.0.0',
  private: true,
  engines: { vscode: '^1.91.0' },
};

function toolsReady(): boolean {
  return fs.existsSync(TOOLS) && fs.readdirSync(TOOLS).some((f) => f.startsWith(STAMP_PREFIX));
}

test('the installed .vsix passes the end-to-end suite in VS Code', { timeout: 10 * 60_000 }, async (t) => {
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
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'tlslint-e2e-'));
  const started = Date.now();
  try {
    // 1. The package, installed the way users install it, into an extensions dir nothing else uses.
    const vsix = buildVsix(path.join(scratch, 'vsix'));
    const extensionsDir = path.join(scratch, 'extensions');
    const vscodeExecutablePath = desktop ? await downloadAndUnzipVSCode() : LAUNCHER;
    const [cli, ...cliArgs] = desktop
      ? resolveCliArgsFromVSCodeExecutablePath(vscodeExecutablePath, { reuseMachineInstall: true })
      : [LAUNCHER];
    const install = spawnSync(cli, [...cliArgs, '--install-extension', vsix, `--extensions-dir=${extensionsDir}`], {
      encoding: 'utf8',
    });
    assert.equal(install.status, 0, `--install-extension failed:\n${install.stdout}\n${install.stderr}`);
    const installed = fs.readdirSync(extensionsDir).filter((f) => f.startsWith('tlslint.tlslint-'));
    assert.equal(installed.length, 1, `one installed copy in ${extensionsDir}: ${installed.join(', ')}`);
    t.diagnostic(
      `installed ${path.basename(vsix)} as ${installed[0]} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );

    // 2. The suite changes settings and documents: it works on a copy, a multi-root workspace of two
    // folders (the first holds the fixtures and the .tlslint.json; the second has no config).
    fs.cpSync(path.join(ROOT, 'test/e2e/workspace'), path.join(scratch, 'ws', 'main'), { recursive: true });
    fs.cpSync(path.join(ROOT, 'test/e2e/workspace-second'), path.join(scratch, 'ws', 'second'), { recursive: true });
    const workspace = path.join(scratch, 'ws', 'tlslint-e2e.code-workspace');
    fs.writeFileSync(
      workspace,
      JSON.stringify({ folders: [{ path: 'main' }, { path: 'second' }], settings: {} }, null, 2),
    );
    const screenshot = path.join(ROOT, 'test/e2e/output/workbench.png');
    // 3. The runner: not the repository, whose development copy VS Code would load over the installed one.
    const runner = path.join(scratch, 'runner');
    fs.cpSync(path.join(ROOT, 'out/test/e2e/suite'), path.join(runner, 'suite'), { recursive: true });
    fs.writeFileSync(path.join(runner, 'package.json'), JSON.stringify(RUNNER_MANIFEST, null, 2));
    const code = await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: runner,
      extensionTestsPath: path.join(runner, 'suite/index.js'),
      // The suite checks that the extension it tests is the copy in this folder.
      extensionTestsEnv: { TLSLINT_E2E_EXTENSIONS_DIR: extensionsDir },
      launchArgs: [
        workspace,
        `--extensions-dir=${extensionsDir}`,
        ...(desktop ? [] : [`--tlslint-screenshot=${screenshot}`]),
      ],
    });
    assert.equal(code, 0);
  } finally {
    t.diagnostic(`e2e run: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    fs.rmSync(scratch, { recursive: true, force: true });
  }
});
