// The pre-commit hook and the GitHub Action, offline: both YAML files parse and say what they should, the
// hook's command runs on staged-like file lists, and the action's `run:` steps (the `uses:` upload step is
// GitHub's) run with bash as a runner would, writing the SARIF file for code scanning.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { ROOT } from '../helpers';
import { CLI, tempDir } from './helpers';

interface Hook {
  id: string;
  entry: string;
  language: string;
  types?: string[];
  pass_filenames?: boolean;
}

interface Step {
  name: string;
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  'working-directory'?: string;
}

interface Action {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

function sample(): string {
  const dir = tempDir('tlslint-action-');
  fs.writeFileSync(path.join(dir, 'app.py'), 'import requests\n\nrequests.get(url, verify=False)\n');
  fs.writeFileSync(path.join(dir, 'ok.py'), 'import requests\n\nrequests.get(url)\n');
  fs.writeFileSync(path.join(dir, 'README.md'), 'Never `verify=False`.\n');
  return dir;
}

describe('pre-commit hook', () => {
  const hooks = parse(fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];

  it('defines a check hook running `tlslint scan` on the staged text files', () => {
    assert.equal(hooks.length, 1);
    const h = hooks[0];
    assert.equal(h.id, 'tlslint');
    assert.equal(h.language, 'node');
    assert.match(h.entry, /^tlslint scan\b/);
    assert.doesNotMatch(h.entry, /--fix/, 'a check, like ruff-check: fixing is opt-in through args');
    assert.deepEqual(h.types, ['text']);
    assert.notEqual(h.pass_filenames, false);
    assert.equal(
      (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin
        .tlslint,
      'dist/cli.js',
    );
  });

  it('its command fails on a staged file with a finding and passes on clean and unsupported files', () => {
    const dir = sample();
    const args = hooks[0].entry.split(/\s+/).slice(1);
    const run = (files: string[]) =>
      spawnSync(process.execPath, [CLI, ...args, ...files], { cwd: dir, encoding: 'utf8' });
    const bad = run(['app.py', 'ok.py', 'README.md']);
    assert.equal(bad.status, 1, bad.stderr);
    assert.match(bad.stdout, /^app\.py:3:19 {2}error {2}cert-verification-disabled/m);
    assert.equal(run(['ok.py', 'README.md']).status, 0);
    assert.ok(!fs.existsSync(path.join(dir, '.tlslint_cache')), 'a hook leaves no cache in the repository');
  });
});

describe('GitHub Action', () => {
  const action = parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as Action;

  /** Evaluates the few expressions the action uses, as the runner would. */
  function expand(
    text: string,
    inputs: Record<string, string>,
    outputs: Record<string, Record<string, string>>,
  ): string {
    return text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_m, expr: string) => {
      let m = /^inputs\.([\w-]+)$/.exec(expr);
      if (m) return inputs[m[1]] ?? '';
      if (expr === 'github.action_path') return ROOT;
      m = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expr);
      if (m) return outputs[m[1]]?.[m[2]] ?? '';
      throw new Error(`expression not handled by this test: ${expr}`);
    });
  }

  function condition(
    expr: string | undefined,
    inputs: Record<string, string>,
    outputs: Record<string, Record<string, string>>,
  ): boolean {
    if (!expr) return true;
    const body = /^\$\{\{\s*([\s\S]*?)\s*\}\}$/.exec(expr.trim())?.[1] ?? expr;
    // `inputs.a == 'b' && steps.s.outputs.c != 'd'`
    return body.split('&&').every((part) => {
      const m = /^\s*([\w.-]+)\s*(==|!=)\s*'([^']*)'\s*$/.exec(part);
      assert.ok(m, `condition not handled: ${part}`);
      const value = expand(`\${{ ${m[1]} }}`, inputs, outputs);
      return m[2] === '==' ? value === m[3] : value !== m[3];
    });
  }

  /** Runs the composite action's steps on `workspace`: `run:` steps with bash, `uses:` steps recorded. */
  function runAction(workspace: string, overrides: Record<string, string>) {
    const inputs = Object.fromEntries(
      Object.entries(action.inputs).map(([k, v]) => [k, overrides[k] ?? v.default ?? '']),
    );
    const outputs: Record<string, Record<string, string>> = {};
    const used: { uses: string; with?: unknown }[] = [];
    let failed: number | undefined;
    for (const step of action.runs.steps) {
      if (failed !== undefined || !condition(step.if, inputs, outputs)) continue;
      if (step.uses) {
        used.push({ uses: step.uses });
        continue;
      }
      const outFile = path.join(tempDir('tlslint-gh-'), 'output');
      fs.writeFileSync(outFile, '');
      const env: Record<string, string> = {
        ...(process.env as Record<string, string>),
        NO_COLOR: '1',
        GITHUB_OUTPUT: outFile,
        GITHUB_WORKSPACE: workspace,
        GITHUB_ACTION_PATH: ROOT,
      };
      for (const [k, v] of Object.entries(step.env ?? {})) env[k] = expand(v, inputs, outputs);
      const cwd = step['working-directory'] ? expand(step['working-directory'], inputs, outputs) : workspace;
      const r = spawnSync('bash', ['-e', '-c', expand(step.run!, inputs, outputs)], { cwd, env, encoding: 'utf8' });
      if (step.id) {
        outputs[step.id] = Object.fromEntries(
          fs
            .readFileSync(outFile, 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
        );
        outputs[step.id].stdout = r.stdout;
      }
      if (r.status !== 0) failed = r.status ?? 1;
    }
    return { outputs, used, failed };
  }

  it('is a composite action whose steps write SARIF, annotate, upload it and fail on findings', () => {
    assert.equal(action.runs.using, 'composite');
    const ws = sample();
    const { outputs, used, failed } = runAction(ws, {});
    assert.equal(outputs.scan['exit-code'], '1');
    assert.equal(outputs.scan['sarif-file'], 'tlslint.sarif');
    const sarif = JSON.parse(fs.readFileSync(path.join(ws, 'tlslint.sarif'), 'utf8'));
    assert.equal(sarif.version, '2.1.0');
    const results = sarif.runs[0].results as {
      ruleId: string;
      locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
      partialFingerprints: Record<string, string>;
    }[];
    assert.deepEqual(
      results.map((x) => [x.ruleId, x.locations[0].physicalLocation.artifactLocation.uri]),
      [['cert-verification-disabled', 'app.py']],
    );
    assert.ok(results[0].partialFingerprints['tlslintFindingHash/v2']);
    assert.match(outputs.scan.stdout, /^::error file=app\.py,line=3,col=19,/m);
    assert.deepEqual(used, [{ uses: 'github/codeql-action/upload-sarif@v3' }]);
    assert.equal(failed, 1, 'the job fails on findings');
  });

  it('inputs: args reach the CLI, fail-on-findings false passes, upload-sarif false skips the upload', () => {
    const ws = sample();
    const r = runAction(ws, {
      args: '--disable cert-verification-disabled',
      'upload-sarif': 'false',
      'sarif-file': 'out/x.sarif',
    });
    assert.equal(r.outputs.scan['exit-code'], '0');
    assert.deepEqual(r.used, []);
    assert.equal(r.failed, undefined);
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(ws, 'out', 'x.sarif'), 'utf8')).runs[0].results, []);
    const lenient = runAction(sample(), { 'fail-on-findings': 'false', 'upload-sarif': 'false' });
    assert.equal(lenient.outputs.scan['exit-code'], '1');
    assert.equal(lenient.failed, undefined);
  });
});
