// Security of the tool itself, checked on its sources and bundles: no eval, no dynamic require/import,
// no child processes except the Show Runtime TLS Versions command (trusted workspaces, fixed argv, no
// shell, a timeout), no network modules; every regex in the code survives adversarial input; hostile
// workspace content (a regex in a warnings filter) cannot hang the linter.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import ts from 'typescript';
import { normalizeEditorSettings } from '../../server/src/lsp/settings';
import {
  CONFIG_SCHEMA,
  CONFIGURABLE_RULE_IDS,
  SEVERITY_SETTINGS,
  TEST_FILES_MODES,
} from '../../server/src/host/config-schema';
import { parseConfig, toLintSettings } from '../../server/src/host/config';
import { ROOT, seededRandom } from '../helpers';
import { runCli, tempDir } from '../cli/helpers';

const SOURCE_DIRS = ['server/src', 'client/src'];
/** The one file allowed to start processes. */
const RUNTIME_PROBE = 'client/src/commands/show-runtime-tls-versions.ts';
const NETWORK = new Set(['http', 'https', 'http2', 'net', 'dgram', 'tls', 'dns', 'cluster', 'vm', 'inspector']);

function sourceFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = `${dir}/${e.name}`;
      if (e.isDirectory()) walk(rel);
      else if (/\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(rel);
    }
  };
  for (const d of SOURCE_DIRS) walk(d);
  return out.sort();
}

const parsed = new Map<string, ts.SourceFile>();
function parse(rel: string): ts.SourceFile {
  let sf = parsed.get(rel);
  if (!sf) {
    sf = ts.createSourceFile(rel, fs.readFileSync(path.join(ROOT, rel), 'utf8'), ts.ScriptTarget.ES2022, true);
    parsed.set(rel, sf);
  }
  return sf;
}

function visit(node: ts.Node, fn: (n: ts.Node) => void): void {
  fn(node);
  node.forEachChild((c) => visit(c, fn));
}

function where(sf: ts.SourceFile, node: ts.Node): string {
  const { line, character } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
  return `${sf.fileName}:${line + 1}:${character + 1}`;
}

const isStringLiteral = (n: ts.Node | undefined) =>
  !!n && (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n));

/** Every module a file imports: import/export-from declarations, import =, require('x') and import('x'). */
function importsOf(sf: ts.SourceFile): { name: string; node: ts.Node }[] {
  const out: { name: string; node: ts.Node }[] = [];
  visit(sf, (n) => {
    if (
      (ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) &&
      n.moduleSpecifier &&
      ts.isStringLiteral(n.moduleSpecifier)
    ) {
      out.push({ name: n.moduleSpecifier.text, node: n });
    } else if (
      ts.isImportEqualsDeclaration(n) &&
      ts.isExternalModuleReference(n.moduleReference) &&
      ts.isStringLiteral(n.moduleReference.expression)
    ) {
      out.push({ name: n.moduleReference.expression.text, node: n });
    } else if (
      ts.isCallExpression(n) &&
      (n.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(n.expression) && n.expression.text === 'require'))
    ) {
      const a = n.arguments[0];
      if (a && isStringLiteral(a)) out.push({ name: (a as ts.StringLiteral).text, node: n });
    }
  });
  return out;
}

describe('source audit', () => {
  const files = sourceFiles();

  it('finds the sources', () => {
    assert.ok(files.length > 100, `${files.length} files`);
    assert.ok(files.includes(RUNTIME_PROBE));
  });

  it('no eval, no Function constructor, no string timers, no dynamic require or import()', () => {
    const problems: string[] = [];
    for (const rel of files) {
      const sf = parse(rel);
      visit(sf, (n) => {
        if (ts.isCallExpression(n) || ts.isNewExpression(n)) {
          const callee = n.expression;
          const name = ts.isIdentifier(callee)
            ? callee.text
            : ts.isPropertyAccessExpression(callee)
              ? callee.name.text
              : undefined;
          const args = n.arguments ?? ts.factory.createNodeArray();
          if (name === 'eval') problems.push(`${where(sf, n)} eval`);
          if (
            name === 'Function' &&
            (ts.isIdentifier(callee) ||
              (ts.isPropertyAccessExpression(callee) &&
                /^(globalThis|window|global)$/.test(callee.expression.getText(sf))))
          ) {
            problems.push(`${where(sf, n)} Function constructor`);
          }
          if (
            (name === 'setTimeout' || name === 'setInterval' || name === 'setImmediate') &&
            args[0] &&
            isStringLiteral(args[0])
          )
            problems.push(`${where(sf, n)} string timer`);
          if (
            ts.isCallExpression(n) &&
            ((ts.isIdentifier(callee) && callee.text === 'require') || callee.kind === ts.SyntaxKind.ImportKeyword) &&
            !isStringLiteral(args[0])
          ) {
            problems.push(
              `${where(sf, n)} dynamic ${ts.isIdentifier(callee) ? 'require' : 'import()'} of a computed path`,
            );
          }
          if (
            ts.isPropertyAccessExpression(callee) &&
            callee.expression.getText(sf) === 'process' &&
            /^(binding|_linkedBinding|dlopen)$/.test(callee.name.text)
          ) {
            problems.push(`${where(sf, n)} process.${callee.name.text}`);
          }
        }
        if (ts.isIdentifier(n) && n.text === 'createRequire') problems.push(`${where(sf, n)} createRequire`);
      });
    }
    assert.deepEqual(problems, []);
  });

  it('child_process only in the Show Runtime TLS Versions command; no network modules anywhere', () => {
    const problems: string[] = [];
    for (const rel of files) {
      const sf = parse(rel);
      for (const { name, node } of importsOf(sf)) {
        const mod = name.replace(/^node:/, '');
        if (mod === 'child_process' && rel !== RUNTIME_PROBE) problems.push(`${where(sf, node)} imports child_process`);
        if (NETWORK.has(mod)) problems.push(`${where(sf, node)} imports ${name}`);
      }
    }
    assert.deepEqual(problems, []);
  });

  it('the Show Runtime TLS Versions command: execFile only, fixed argv, no shell, a timeout, outside the workspace, trusted workspaces only', () => {
    const sf = parse(RUNTIME_PROBE);
    const cp = importsOf(sf).filter((i) => i.name.replace(/^node:/, '') === 'child_process');
    assert.equal(cp.length, 1);
    const decl = cp[0].node as ts.ImportDeclaration;
    const named = decl.importClause?.namedBindings;
    assert.ok(named && ts.isNamedImports(named), 'named imports only (no namespace import)');
    assert.deepEqual(
      named.elements.map((e) => e.name.text),
      ['execFile'],
      'only execFile (no exec, spawn with a shell, fork or the sync variants)',
    );

    const calls: ts.CallExpression[] = [];
    const probes: ts.CallExpression[] = [];
    visit(sf, (n) => {
      if (!ts.isCallExpression(n) || !ts.isIdentifier(n.expression)) return;
      if (n.expression.text === 'execFile') calls.push(n);
      if (n.expression.text === 'probe') probes.push(n);
    });
    assert.equal(calls.length, 1, 'one execFile call');
    const options = calls[0].arguments[2];
    assert.ok(options && ts.isObjectLiteralExpression(options), 'execFile gets an options object literal');
    const prop = (key: string) =>
      options.properties.find(
        (p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === key,
      );
    assert.equal(prop('shell')?.initializer.kind, ts.SyntaxKind.FalseKeyword, 'shell: false');
    assert.ok(prop('timeout'), 'a timeout');
    assert.match(
      prop('cwd')?.initializer.getText(sf) ?? '',
      /^os\.homedir\(\)$/,
      'runs from the home folder, never the workspace',
    );
    // Every program and argument is a literal of the source: nothing from the workspace or settings.
    assert.ok(probes.length >= 2);
    for (const p of probes) {
      const [, file, argv] = p.arguments;
      const literalFile =
        isStringLiteral(file) ||
        (ts.isConditionalExpression(file) && isStringLiteral(file.whenTrue) && isStringLiteral(file.whenFalse));
      assert.ok(literalFile, `${where(sf, p)}: the program is a literal`);
      assert.ok(
        ts.isArrayLiteralExpression(argv) && argv.elements.every((e) => isStringLiteral(e)),
        `${where(sf, p)}: argv is a literal array of literals`,
      );
    }
    // The command body checks workspace trust and returns before probing.
    let gate: ts.FunctionLikeDeclaration | undefined;
    visit(sf, (n) => {
      if (ts.isFunctionDeclaration(n) && n.name?.text === 'showRuntimeTlsVersions') gate = n;
    });
    assert.ok(gate, 'showRuntimeTlsVersions');
    const text = gate.getText(sf);
    const trust = text.indexOf('if (!vscode.workspace.isTrusted)');
    const probe = text.indexOf('probeRuntimes()');
    assert.ok(trust >= 0 && probe > trust, 'the trust check comes before the probes');
    const ifStatement = (() => {
      let found: ts.IfStatement | undefined;
      visit(gate, (n) => {
        if (!found && ts.isIfStatement(n) && n.expression.getText(sf) === '!vscode.workspace.isTrusted') found = n;
      });
      return found;
    })();
    assert.ok(
      ifStatement && /\breturn\b/.test(ifStatement.thenStatement.getText(sf)),
      'an untrusted workspace returns without probing',
    );
  });

  it('the server and CLI bundles hold no child_process or network module; eval only in two known library spots', () => {
    for (const bundle of ['server.js', 'cli.js']) {
      const text = fs.readFileSync(path.join(ROOT, 'dist', bundle), 'utf8');
      const required = [...text.matchAll(/require\("(?:node:)?([a-z_0-9/]+)"\)/g)].map((m) => m[1]);
      for (const mod of required) {
        assert.ok(mod !== 'child_process' && !NETWORK.has(mod), `${bundle} requires ${mod}`);
      }
      // vscode-languageserver imports child_process and net: the build puts stubs in their place
      // (scripts/esbuild.mjs) that throw when used.
      if (bundle === 'server.js') {
        assert.ok(
          text.includes('throw new Error("child_process is not available in the tlslint server and CLI")'),
          'child_process stub',
        );
        assert.ok(text.includes('throw new Error("net is not available in the tlslint server and CLI")'), 'net stub');
      }
      // Code generation only where a library compiles our own inputs: ajv compiles the config schema
      // (tlslint's, not the workspace's); emscripten's loader evaluates the grammar .wasm files' EM_ASM
      // constants (the grammars tlslint ships).
      const evals = [...text.matchAll(/.{0,40}\b(?:eval|new Function)\(.{0,20}/g)].map((m) => m[0].trim());
      const allowed = [
        /makeValidate = new Function\(/,
        /ASM_CONSTS\[start\] = eval\(func\)/,
        /moduleExports\[name\] = eval\(func\)/,
      ];
      for (const e of evals)
        assert.ok(
          allowed.some((a) => a.test(e)),
          `${bundle}: unexpected code generation: ${e}`,
        );
    }
    // The extension is the only bundle that may start a process (the runtime probe).
    const ext = fs.readFileSync(path.join(ROOT, 'dist', 'extension.js'), 'utf8');
    assert.doesNotMatch(ext, /\beval\(/);
  });
});

/** A regex found in the sources, compiled as the code compiles it. */
interface FoundRegex {
  where: string;
  source: string;
  flags: string;
}

/** The string value of an expression built from literals and same-file `const` strings, if it is one. */
function constantString(
  sf: ts.SourceFile,
  n: ts.Expression,
  consts: Map<string, ts.Expression>,
  depth = 0,
): string | undefined {
  if (depth > 10) return undefined;
  if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) return n.text;
  if (ts.isParenthesizedExpression(n)) return constantString(sf, n.expression, consts, depth + 1);
  if (ts.isIdentifier(n)) {
    const init = consts.get(n.text);
    return init ? constantString(sf, init, consts, depth + 1) : undefined;
  }
  if (ts.isTemplateExpression(n)) {
    let out = n.head.text;
    for (const span of n.templateSpans) {
      const v = constantString(sf, span.expression, consts, depth + 1);
      if (v === undefined) return undefined;
      out += v + span.literal.text;
    }
    return out;
  }
  if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const a = constantString(sf, n.left, consts, depth + 1);
    const b = a === undefined ? undefined : constantString(sf, n.right, consts, depth + 1);
    return a === undefined || b === undefined ? undefined : a + b;
  }
  return undefined;
}

function regexesInSources(): FoundRegex[] {
  const out: FoundRegex[] = [];
  for (const rel of sourceFiles()) {
    const sf = parse(rel);
    const consts = new Map<string, ts.Expression>();
    visit(sf, (n) => {
      if (
        ts.isVariableDeclaration(n) &&
        ts.isIdentifier(n.name) &&
        n.initializer &&
        ts.isVariableDeclarationList(n.parent) &&
        n.parent.flags & ts.NodeFlags.Const
      ) {
        consts.set(n.name.text, n.initializer);
      }
    });
    visit(sf, (n) => {
      if (n.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = n.getText(sf);
        const slash = text.lastIndexOf('/');
        out.push({ where: where(sf, n), source: text.slice(1, slash), flags: text.slice(slash + 1) });
      } else if (
        (ts.isNewExpression(n) || ts.isCallExpression(n)) &&
        ts.isIdentifier(n.expression) &&
        n.expression.text === 'RegExp'
      ) {
        const [src, flags] = n.arguments ?? [];
        const source = src && constantString(sf, src, consts);
        const flagText = flags ? constantString(sf, flags, consts) : '';
        // Sources computed at run time (escaped literal lists, names) are not collected.
        if (source !== undefined && flagText !== undefined) out.push({ where: where(sf, n), source, flags: flagText });
      }
    });
  }
  return out;
}

/** Characters every regex is attacked with, as long runs and with a failing end. */
const ATTACK_CHARS = [
  'a',
  'A',
  'z',
  '0',
  '9',
  '_',
  ' ',
  '\t',
  '\n',
  '\r\n',
  '\\',
  '/',
  '.',
  '-',
  ',',
  ':',
  ';',
  '=',
  '"',
  "'",
  '`',
  '#',
  '*',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  '<',
  '>',
  '$',
  '%',
  '@',
  '!',
  'é',
  '\u00a0',
];
const LENGTH = 30_000;
const BOUND_MS = 200;

/** Inputs for one regex: runs of each attack character and of each literal character in the regex, ended by something unlikely. */
function attackStrings(re: FoundRegex): string[] {
  const chars = new Set(ATTACK_CHARS);
  for (const c of re.source.replace(/\\[dDwWsSbBnrtfv]/g, '')) if (c.charCodeAt(0) > 31) chars.add(c);
  const out: string[] = [];
  for (const c of chars) {
    const run = c.repeat(Math.ceil(LENGTH / c.length)).slice(0, LENGTH);
    out.push(run + '!', run + '\u0000', '\n' + run + '\n!');
  }
  // Alternations of two characters (the classic (a|ab)* shapes) and nested-quantifier bait.
  out.push(
    'ab'.repeat(LENGTH / 2) + '!',
    'a '.repeat(LENGTH / 2) + '!',
    '\\"'.repeat(LENGTH / 2),
    '/*'.repeat(LENGTH / 2),
    '-- '.repeat(LENGTH / 3) + '!',
    'a.'.repeat(LENGTH / 2) + '!',
    'a='.repeat(LENGTH / 2) + '\n',
  );
  out.push('a'.repeat(LENGTH) + '!', ' '.repeat(LENGTH) + 'x', '\\'.repeat(LENGTH) + '"');
  return out;
}

describe('regex audit', () => {
  const regexes = regexesInSources();

  it('finds the regexes in the sources', () => {
    assert.ok(regexes.length > 50, `${regexes.length} regexes`);
  });

  it(`every regex runs in under ${BOUND_MS} ms on ${LENGTH.toLocaleString('en')}-character adversarial inputs`, (t) => {
    const slow: string[] = [];
    let runs = 0;
    let worst = { ms: 0, where: '' };
    for (const found of regexes) {
      let re: RegExp;
      try {
        re = new RegExp(found.source, found.flags);
      } catch (e) {
        assert.fail(`${found.where}: /${found.source}/${found.flags} does not compile: ${(e as Error).message}`);
      }
      const time = (input: string) => {
        const started = performance.now();
        re.lastIndex = 0;
        if (re.global) input.replace(re, '');
        else re.test(input);
        return performance.now() - started;
      };
      for (const input of attackStrings(found)) {
        let ms = time(input);
        // Once more before calling it slow: a garbage collection or a busy machine is no backtracking.
        if (ms > BOUND_MS) ms = Math.min(ms, time(input));
        runs++;
        if (ms > worst.ms) worst = { ms, where: `${found.where} /${found.source}/${found.flags}` };
        if (ms > BOUND_MS) {
          slow.push(
            `${found.where} /${found.source}/${found.flags}: ${ms.toFixed(0)} ms on ${JSON.stringify(input.slice(0, 12))}...`,
          );
          break;
        }
      }
    }
    t.diagnostic(`${regexes.length} regexes, ${runs} runs; slowest ${worst.ms.toFixed(1)} ms: ${worst.where}`);
    assert.deepEqual(slow, []);
  });
});

describe('hostile workspace content', () => {
  it('a warnings filter with a catastrophic regex does not hang the linter (it used to run it)', async () => {
    const dir = tempDir('tlslint-redos-');
    fs.writeFileSync(
      path.join(dir, 'w.py'),
      [
        'import warnings',
        'import urllib3',
        'warnings.filterwarnings("ignore", message="(.*a){12}x", category=urllib3.exceptions.InsecureRequestWarning)',
        'warnings.filterwarnings("ignore", message="(.*.*)*Z")',
        'warnings.filterwarnings("ignore", message="Unverified HTTPS(.*.*)*Z")',
        'warnings.filterwarnings("ignore", message=".*.*.*.*.*.*.*.*.*.*.*.*!")',
        '',
      ].join('\n'),
    );
    const started = Date.now();
    const r = await runCli(['scan', '.', '--format', 'json'], { cwd: dir });
    const ms = Date.now() - started;
    assert.ok(ms < 15_000, `took ${ms} ms`);
    const report = JSON.parse(r.stdout) as { findings: { line: number; rule: string }[] };
    // Line 3 by its category; line 5 by its literal start; lines 4 and 6 match nothing for sure.
    assert.deepEqual(
      report.findings.map((f) => `${f.line} ${f.rule}`),
      ['3 insecure-warning-suppressed', '5 insecure-warning-suppressed'],
    );
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

/** A random JSON value: often a plausible config value, often a wrong type, sometimes hostile keys. */
function randomValue(r: () => number, depth = 0): unknown {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const k = r();
  if (depth > 3 || k < 0.35) {
    return pick<unknown>([
      null,
      true,
      false,
      0,
      -1,
      1e308,
      3.12,
      '',
      'off',
      'warn',
      'error',
      'information',
      'weak-cipher',
      '3.12',
      '3',
      'x'.repeat(1000),
      'report',
      'downgrade',
      'ignore',
      'gen/**',
      '__proto__',
    ]);
  }
  if (k < 0.6) return Array.from({ length: Math.floor(r() * 4) }, () => randomValue(r, depth + 1));
  const keys = [
    'rules',
    'ignore',
    'languages',
    'testFiles',
    '$schema',
    'python',
    'go',
    'version',
    '__proto__',
    'constructor',
    'prototype',
    ...CONFIGURABLE_RULE_IDS,
    'nope',
  ];
  const obj: Record<string, unknown> = {};
  for (let i = Math.floor(r() * 5); i > 0; i--)
    Object.defineProperty(obj, pick(keys), {
      value: randomValue(r, depth + 1),
      enumerable: true,
      configurable: true,
      writable: true,
    });
  return obj;
}

describe('configuration is validated before use', () => {
  const validate = new Ajv({ allErrors: true, strict: false }).compile(CONFIG_SCHEMA);

  it('whatever a .tlslint.json holds, what parseConfig keeps passes the schema and the settings hold only allowed values', (t) => {
    const r = seededRandom(0xc0f1);
    let withErrors = 0;
    for (let i = 0; i < 3000; i++) {
      const text =
        i % 50 === 7 ? JSON.stringify(randomValue(r)).slice(0, Math.floor(r() * 40)) : JSON.stringify(randomValue(r));
      const { config, errors } = parseConfig(text ?? '');
      if (errors.length) withErrors++;
      assert.ok(validate(config), `kept config fails the schema: ${JSON.stringify(config)} from ${text}`);
      const settings = toLintSettings(config);
      for (const [id, sev] of Object.entries(settings.rules)) {
        assert.ok(
          CONFIGURABLE_RULE_IDS.includes(id) && (SEVERITY_SETTINGS as readonly unknown[]).includes(sev),
          `rule ${id}: ${String(sev)}`,
        );
      }
      assert.ok((TEST_FILES_MODES as readonly unknown[]).includes(settings.testFiles));
      for (const v of Object.values(settings.languages ?? {}))
        assert.ok(!v?.version || /^[0-9]+\.[0-9]+$/.test(v.version));
      assert.equal(Object.getPrototypeOf(settings.rules), Object.prototype);
    }
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    t.diagnostic(`3000 random configs, ${withErrors} with errors reported`);
  });

  it('hostile keys and shapes: no prototype pollution, deep nesting and huge files are errors, not crashes', () => {
    for (const text of [
      '{"__proto__": {"polluted": 1}}',
      '{"rules": {"__proto__": {"polluted": 1}, "constructor": "off"}}',
      '{"languages": {"__proto__": {"version": "3.12"}, "python": {"version": "3.12", "__proto__": {"polluted": 1}}}}',
      '['.repeat(100_000) + ']'.repeat(100_000),
      JSON.stringify({ ignore: Array.from({ length: 100_000 }, (_, i) => `gen${i}/**`) }),
      '{"rules": {"weak-cipher": "off"}, "rules": {"weak-cipher": "error"}}',
    ]) {
      const { config } = parseConfig(text);
      assert.ok(validate(config));
      toLintSettings(config);
    }
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('editor settings of any shape come out as valid settings', () => {
    const r = seededRandom(0xed17);
    for (let i = 0; i < 3000; i++) {
      const raw = randomValue(r);
      const s = normalizeEditorSettings(
        i % 3
          ? raw
          : {
              rules: raw,
              ignore: raw,
              run: raw,
              debounceMs: raw,
              maxFileSizeKb: raw,
              testFiles: raw,
              enable: raw,
              trace: { server: raw },
            },
      );
      assert.equal(typeof s.enable, 'boolean');
      assert.ok(['onType', 'onSave'].includes(s.run));
      assert.ok(Number.isFinite(s.debounceMs) && s.debounceMs >= 0 && s.debounceMs <= 10_000);
      assert.ok(Number.isFinite(s.maxFileSizeKb) && s.maxFileSizeKb > 0);
      assert.ok(s.ignore.every((g) => typeof g === 'string' && g.length > 0));
      assert.ok(s.testFiles === undefined || (TEST_FILES_MODES as readonly unknown[]).includes(s.testFiles));
      for (const [id, sev] of Object.entries(s.rules))
        assert.ok(CONFIGURABLE_RULE_IDS.includes(id) && (SEVERITY_SETTINGS as readonly unknown[]).includes(sev));
      assert.equal(Object.getPrototypeOf(s.rules), Object.prototype);
    }
  });
});
