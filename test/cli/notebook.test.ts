// Jupyter notebooks in the CLI: code cells linted as one Python document, findings by cell, magics and
// shell lines masked, SARIF into the .ipynb, and --fix editing the notebook JSON in place, safely.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { applyToNotebook, readNotebook } from '../../server/src/engine/notebook';
import { ROOT } from '../helpers';
import { runCli, tempDir } from './helpers';

const NOTEBOOKS = path.join(ROOT, 'test', 'cli', 'notebooks');
const REPORT = fs.readFileSync(path.join(NOTEBOOKS, 'report.ipynb'), 'utf8');

function copy(): string {
  const dir = tempDir();
  fs.cpSync(NOTEBOOKS, dir, { recursive: true });
  return dir;
}

/** The 1-based line of the .ipynb holding a JSON string element that contains `needle`. */
function fileLine(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  assert.ok(i >= 0, needle);
  return i + 1;
}

interface JsonFinding {
  path: string;
  cell?: number;
  line: number;
  column: number;
  rule: string;
  fixes: { edits: { cell?: number; line: number }[] }[];
}

describe('notebooks in the CLI', () => {
  it('text: `nb.ipynb:cell N:line:col`; markdown, strings, comments, %%bash cells and IPython lines give nothing', async () => {
    const dir = copy();
    const r = await runCli(['scan', '.', '--format', 'concise', '--verbose'], { cwd: dir });
    assert.equal(r.code, 1, r.stderr);
    const heads = r.stdout
      .split('\n')
      .filter((l) => l.includes('  '))
      .map((l) => l.split('  ').slice(0, 3).join(' '));
    assert.deepEqual(heads, [
      'report.ipynb:cell 2:2:23 error cert-verification-disabled',
      'report.ipynb:cell 5:4:35 error cert-verification-disabled',
      'report.ipynb:cell 6:2:20 warning legacy-protocol',
    ]);
    // The R notebook is skipped, not linted as Python.
    assert.match(r.stderr, /skipped r-kernel\.ipynb: unsupported: notebook language is r/);
  });

  it('the frame shows the cell line; JSON has `cell`, with lines and edits counted in the cell', async () => {
    const dir = copy();
    const t = await runCli(['scan', 'report.ipynb'], { cwd: dir });
    assert.match(
      t.stdout,
      /cell 2:2:23 [^\n]*\n {2}\|\n2 \| r = requests\.get\(url, verify=False\)\n {2}\| {23}\^{12}\n/,
    );
    const j = await runCli(['scan', '.', '--format', 'json'], { cwd: dir });
    const f = (JSON.parse(j.stdout) as { findings: JsonFinding[] }).findings[0];
    assert.deepEqual([f.path, f.cell, f.line, f.column], ['report.ipynb', 2, 2, 23]);
    assert.deepEqual(Object.keys(f).slice(0, 3), ['path', 'cell', 'line']);
    assert.deepEqual(
      f.fixes[0].edits.map((e) => [e.cell, e.line]),
      [[2, 2]],
    );
  });

  it('SARIF points into the .ipynb: the JSON line holding the source line, with the cell in properties', async () => {
    const dir = copy();
    const r = await runCli(['scan', '.', '--format', 'sarif'], { cwd: dir });
    const results = JSON.parse(r.stdout).runs[0].results as {
      locations: { physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> } }[];
      properties: Record<string, unknown>;
      fixes?: unknown;
    }[];
    const first = results[0];
    assert.equal(first.locations[0].physicalLocation.artifactLocation.uri, 'report.ipynb');
    const line = fileLine(REPORT, 'r = requests.get(url, verify=False)');
    assert.deepEqual(first.locations[0].physicalLocation.region, { startLine: line, endLine: line });
    assert.deepEqual(first.properties, {
      detector: 'python.requests-verify',
      fixSafety: 'safe',
      cell: 2,
      cellLine: 2,
      cellColumn: 23,
    });
    assert.equal(first.fixes, undefined, 'SARIF fixes would be JSON edits; --fix makes them');
    const gh = await runCli(['scan', 'report.ipynb', '--format', 'github'], { cwd: dir });
    assert.match(
      gh.stdout,
      new RegExp(
        `^::error file=report\\.ipynb,line=${line},endLine=${line},title=tlslint \\(cert-verification-disabled\\) cell 2%3A2%3A23::`,
      ),
    );
  });

  it('--fix edits only the fixed lines of the notebook JSON (indent, other cells, outputs and IPython lines kept)', async () => {
    const dir = copy();
    const file = path.join(dir, 'report.ipynb');
    const r = await runCli(['scan', 'report.ipynb', '--fix'], { cwd: dir });
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^Fixed 2 findings, 1 finding \(1 warning\) in 1 file/m);
    const after = fs.readFileSync(file, 'utf8');
    const a = REPORT.split('\n');
    const b = after.split('\n');
    assert.equal(b.length, a.length);
    const changed = a.flatMap((l, i) => (l === b[i] ? [] : [[l.trim(), b[i].trim()]]));
    assert.deepEqual(changed, [
      ['"r = requests.get(url, verify=False)\\n",', '"r = requests.get(url, verify=True)\\n",'],
      ['"    requests.post(url, data=b\\"x\\", verify=False)"', '"    requests.post(url, data=b\\"x\\", verify=True)"'],
    ]);
    JSON.parse(after);
    assert.deepEqual(fs.readdirSync(dir).sort(), ['r-kernel.ipynb', 'report.ipynb'], 'no temp file left');
    const again = await runCli(['scan', 'report.ipynb', '--fix', '--unsafe-fixes'], { cwd: dir });
    assert.equal(again.code, 0, again.stdout);
    assert.match(fs.readFileSync(file, 'utf8'), /"ctx = s\.SSLContext\(s\.PROTOCOL_TLS_CLIENT\)"/);
  });

  it('--diff on a notebook shows the JSON lines that would change and writes nothing', async () => {
    const dir = copy();
    const r = await runCli(['scan', 'report.ipynb', '--diff'], { cwd: dir });
    assert.equal(r.code, 1);
    assert.match(
      r.stdout,
      /^- {4}"r = requests\.get\(url, verify=False\)\\n",\n\+ {4}"r = requests\.get\(url, verify=True\)\\n",$/m,
    );
    assert.equal(fs.readFileSync(path.join(dir, 'report.ipynb'), 'utf8'), REPORT);
  });

  it('a notebook that is not valid JSON is reported, and --fix leaves it as it was', async () => {
    const dir = tempDir();
    const bad = '{ "cells": [ {"cell_type": "code", "source": "import requests\\nrequests.get(u, verify=False)"}, ';
    fs.writeFileSync(path.join(dir, 'bad.ipynb'), bad);
    const r = await runCli(['scan', '.', '--fix'], { cwd: dir });
    assert.equal(r.code, 0);
    assert.match(r.stderr, /^tlslint: warning: bad\.ipynb: not linted: not valid JSON/m);
    assert.equal(fs.readFileSync(path.join(dir, 'bad.ipynb'), 'utf8'), bad);
  });

  it('standard input: --stdin-filename nb.ipynb lints, and with --fix prints the fixed notebook', async () => {
    const r = await runCli(['scan', '--stdin-filename', 'nb.ipynb', '--format', 'json'], { input: REPORT });
    assert.equal((JSON.parse(r.stdout) as { findings: unknown[] }).findings.length, 3);
    const fixed = await runCli(['scan', '--stdin-filename', 'nb.ipynb', '--fix'], { input: REPORT });
    assert.match(fixed.stdout, /"r = requests\.get\(url, verify=True\)\\n",/);
    JSON.parse(fixed.stdout);
  });
});

describe('notebook mapping (engine, pure)', () => {
  it('string sources and one-line lists keep their style; other bytes are kept', () => {
    const json =
      '{"cells": [{"cell_type": "code", "source": "import requests\\nrequests.get(u, verify=False)"},\n' +
      '{"cell_type": "code", "source": ["x = 1\\n", "y = 2"]}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}';
    const doc = readNotebook(json);
    assert.equal(doc.text, 'import requests\nrequests.get(u, verify=False)\n# tlslint-notebook-cell 2\nx = 1\ny = 2');
    const out = applyToNotebook(json, doc, doc.text.replace('verify=False', 'verify=True').replace('y = 2', 'y = 3'));
    assert.equal(
      out,
      '{"cells": [{"cell_type": "code", "source": "import requests\\nrequests.get(u, verify=True)"},\n' +
        '{"cell_type": "code", "source": ["x = 1\\n", "y = 3"]}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}',
    );
  });

  it('IPython lines are masked line for line and restored; a fix that merges cells is refused', () => {
    const json = JSON.stringify({
      cells: [
        { cell_type: 'code', source: ['  !ls\n', 'x = %env HOME\n', 'print(x)'] },
        { cell_type: 'code', source: 'y' },
      ],
      metadata: {},
    });
    const doc = readNotebook(json);
    assert.deepEqual(doc.text.split('\n').slice(0, 3), [
      '  pass  # tlslint-ipython-line-0',
      'pass  # tlslint-ipython-line-1',
      'print(x)',
    ]);
    const out = applyToNotebook(json, doc, doc.text.replace('print(x)', 'print(x, 1)'));
    assert.deepEqual(JSON.parse(out).cells[0].source, ['  !ls\n', 'x = %env HOME\n', 'print(x, 1)']);
    assert.throws(() => applyToNotebook(json, doc, doc.text.replace(/\n# tlslint-notebook-cell 2/, '')), /same cells/);
  });
});
