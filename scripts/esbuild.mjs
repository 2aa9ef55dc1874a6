// Builds the three bundles (extension, server, CLI) and copies the tree-sitter runtime and grammars
// next to them. Usage: node scripts/esbuild.mjs [--production] [--watch] [--outdir=<dir>] (default dist/)
import * as esbuild from 'esbuild';
import { chmodSync, copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const root = join(dirname(new URL(import.meta.url).pathname), '..');
const outdirArg = process.argv.find((a) => a.startsWith('--outdir='));
const dist = outdirArg ? outdirArg.slice('--outdir='.length) : join(root, 'dist');

// web-tree-sitter's ESM build reads import.meta.url; in a CommonJS bundle that must be defined.
const importMetaShim = {
  banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__importMetaUrl' },
};

/** Prints errors in the form VS Code's $esbuild-watch problem matcher reads. */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => {
      if (watch) console.log('[watch] build started');
    });
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      if (watch) console.log('[watch] build finished');
    });
  },
};

/**
 * The server and the CLI never start programs or open network connections (SECURITY.md): in their
 * bundles those modules are stubs that throw when used. vscode-languageserver's unused Files helpers
 * (npm/yarn lookups) and socket/pipe transports are the only importers; stdio and node IPC need neither.
 */
const FORBIDDEN_MODULES = /^(node:)?(child_process|cluster|dgram|dns|http|http2|https|inspector|net|tls|vm)$/;
const noProcessesOrNetwork = {
  name: 'no-processes-or-network',
  setup(build) {
    build.onResolve({ filter: FORBIDDEN_MODULES }, (args) => ({ path: args.path, namespace: 'tlslint-forbidden' }));
    build.onLoad({ filter: /.*/, namespace: 'tlslint-forbidden' }, (args) => ({
      loader: 'js',
      contents: `module.exports = new Proxy({}, { get(_, key) { if (key === '__esModule' || typeof key === 'symbol') return undefined; throw new Error(${JSON.stringify(`${args.path} is not available in the tlslint server and CLI`)}); } });`,
    }));
  },
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  plugins: [problemMatcher],
  // ESM builds first: jsonc-parser's UMD build (its `main`) loads its parts with a require() inside a
  // factory that esbuild cannot follow, so a bundle built from it fails at start ("Cannot find module './impl/format'").
  mainFields: ['module', 'main'],
};

const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;

const builds = [
  { entryPoints: [join(root, 'client/src/extension.ts')], outfile: join(dist, 'extension.js'), external: ['vscode'] },
  {
    entryPoints: [join(root, 'server/src/lsp/server.ts')],
    outfile: join(dist, 'server.js'),
    ...importMetaShim,
    plugins: [problemMatcher, noProcessesOrNetwork],
  },
  {
    entryPoints: [join(root, 'server/src/cli/main.ts')],
    outfile: join(dist, 'cli.js'),
    ...importMetaShim,
    plugins: [problemMatcher, noProcessesOrNetwork],
    banner: { js: '#!/usr/bin/env node\n' + importMetaShim.banner.js },
  },
];

function copyAssets() {
  mkdirSync(join(dist, 'grammars'), { recursive: true });
  copyFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm'), join(dist, 'web-tree-sitter.wasm'));
  const { GRAMMARS } = { GRAMMARS: JSON.parse(readFileSync(join(root, 'server/src/engine/grammars.json'), 'utf8')) };
  for (const { pkg, file } of Object.values(GRAMMARS)) {
    copyFileSync(join(dirname(require.resolve(`${pkg}/package.json`)), file), join(dist, 'grammars', file));
  }
}

mkdirSync(dist, { recursive: true });
copyAssets();
const define = { TLSLINT_VERSION: JSON.stringify(version) };
if (watch) {
  for (const b of builds) {
    const ctx = await esbuild.context({ ...common, ...b, define: { ...(b.define ?? {}), ...define } });
    await ctx.watch();
  }
} else {
  await Promise.all(builds.map((b) => esbuild.build({ ...common, ...b, define: { ...(b.define ?? {}), ...define } })));
  // `npm i -g` marks bin targets executable, but `./dist/cli.js` run from a checkout needs it too.
  chmodSync(join(dist, 'cli.js'), 0o755);
}
