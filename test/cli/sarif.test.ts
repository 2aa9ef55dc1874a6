// SARIF 2.1.0 output: snapshot, the fields GitHub code scanning reads, and Microsoft's SARIF validator
// (Sarif.Multitool with the GitHub and SARIF rule sets) reporting no error or warning.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { ALL_RULES } from '../../server/src/rules';
import { ROOT } from '../helpers';
import { makeTree, matchSnapshot, normalize, runCli, tempDir } from './helpers';

const MULTITOOL = path.join(ROOT, 'node_modules', '@microsoft', 'sarif-multitool-linux', 'Sarif.Multitool');

interface SarifResult {
  ruleId: string;
  level: string;
  message: { text: string };
  locations: {
    physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: Record<string, number> };
  }[];
  fixes?: {
    artifactChanges: { replacements: { deletedRegion: Record<string, number>; insertedContent: { text: string } }[] }[];
  }[];
  suppressions?: { kind: string; justification: string }[];
  properties: { detector: string };
}

describe('cli --format sarif', () => {
  it('matches the snapshot and carries rules, regions, fixes and suppressions', async () => {
    const dir = makeTree();
    const r = await runCli(['scan', dir, '--format', 'sarif']);
    assert.equal(r.code, 1, r.stderr);
    const log = JSON.parse(r.stdout);
    // Rule texts belong to the rule files (and their docs); the snapshot keeps only the ids.
    const snap = JSON.parse(normalize(r.stdout, dir));
    snap.runs[0].tool.driver.rules = snap.runs[0].tool.driver.rules.map((x: { id: string }) => x.id);
    matchSnapshot('tree.sarif', JSON.stringify(snap, null, 2) + '\n');
    assert.equal(log.version, '2.1.0');
    const run = log.runs[0];
    assert.equal(run.tool.driver.name, 'tlslint');
    assert.ok(run.tool.driver.informationUri);
    const ruleIds = run.tool.driver.rules.map((x: { id: string }) => x.id);
    assert.deepEqual(ruleIds, [...ALL_RULES.map((x) => x.id), 'unused-suppression']);
    for (const rule of run.tool.driver.rules.slice(0, ALL_RULES.length)) {
      assert.ok(
        rule.shortDescription.text && rule.fullDescription.text && rule.helpUri && rule.defaultConfiguration.level,
        rule.id,
      );
      assert.ok(
        rule.properties.tags.includes('security') && rule.properties.tags.some((t: string) => /^CWE-\d+$/.test(t)),
        rule.id,
      );
    }
    // helpUri is our own page for the rule, shipped beside the CLI (not cwe.mitre.org).
    for (const rule of run.tool.driver.rules as { id: string; helpUri: string }[]) {
      const page = path.join(ROOT, 'docs', 'rules', `${rule.id}.md`);
      assert.equal(rule.helpUri, pathToFileURL(page).href, rule.id);
      assert.ok(fs.existsSync(page), page);
    }
    assert.equal(run.originalUriBaseIds.SRCROOT.uri, new URL(`file://${dir}/`).href);
    const results = run.results as SarifResult[];
    for (const res of results) {
      const loc = res.locations[0].physicalLocation;
      assert.equal(loc.artifactLocation.uriBaseId, 'SRCROOT');
      assert.ok(!loc.artifactLocation.uri.startsWith('/'));
      for (const k of ['startLine', 'startColumn', 'endLine', 'endColumn']) assert.ok(loc.region[k] >= 1, k);
      assert.ok(res.properties.detector);
    }
    const suppressed = results.filter((x) => x.suppressions);
    assert.equal(suppressed.length, 1);
    assert.deepEqual(suppressed[0].suppressions, [
      { kind: 'inSource', status: 'accepted', justification: 'test fixture server with a self-signed certificate' },
    ]);
    const fixed = results.find((x) => x.fixes)!;
    assert.equal(fixed.fixes![0].artifactChanges[0].replacements[0].insertedContent.text, 'True');
    assert.ok(results.some((x) => x.level === 'note' && x.ruleId === 'unused-suppression'));
  });

  it('passes the SARIF Multitool validator (GitHub and SARIF rules) with no error or warning', async () => {
    const dir = makeTree();
    const out = path.join(tempDir(), 'tree.sarif');
    const r = await runCli(['scan', dir, '--format', 'sarif', '--output', out]);
    assert.equal(r.code, 1, r.stderr);
    fs.chmodSync(MULTITOOL, 0o755);
    const report = path.join(path.dirname(out), 'validation.sarif');
    const v = spawnSync(
      MULTITOOL,
      ['validate', '--rule-kind', 'Gh;Sarif', '--level', 'Error;Warning', '--output', report, out],
      {
        encoding: 'utf8',
        // No libicu needed: the validator does not depend on culture data.
        env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1', DOTNET_CLI_TELEMETRY_OPTOUT: '1' },
        timeout: 120_000,
      },
    );
    assert.equal(v.status, 0, `validator failed to run: ${v.error?.message ?? ''}\n${v.stdout}\n${v.stderr}`);
    const findings = JSON.parse(fs.readFileSync(report, 'utf8')).runs[0].results as {
      ruleId: string;
      level: string;
      message: { arguments?: string[] };
    }[];
    const bad = findings.filter((f) => f.level === 'error' || f.level === 'warning');
    assert.deepEqual(bad, [], v.stdout);
  });
});
