// Microsoft's SARIF validator (Sarif.Multitool, GitHub and SARIF rule sets) over one log file.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../helpers';

const MULTITOOL = path.join(ROOT, 'node_modules', '@microsoft', 'sarif-multitool-linux', 'Sarif.Multitool');

/** The validator's errors and warnings for `file` (empty when it is clean). */
export function sarifProblems(file: string): { ruleId: string; level: string; message: unknown }[] {
  fs.chmodSync(MULTITOOL, 0o755);
  const report = `${file}.validation.sarif`;
  const v = spawnSync(
    MULTITOOL,
    ['validate', '--rule-kind', 'Gh;Sarif', '--level', 'Error;Warning', '--output', report, file],
    {
      encoding: 'utf8',
      env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1', DOTNET_CLI_TELEMETRY_OPTOUT: '1' },
      timeout: 120_000,
    },
  );
  assert.equal(v.status, 0, `validator failed to run: ${v.error?.message ?? ''}\n${v.stdout}\n${v.stderr}`);
  const results = JSON.parse(fs.readFileSync(report, 'utf8')).runs[0].results as {
    ruleId: string;
    level: string;
    message: unknown;
  }[];
  return results.filter((f) => f.level === 'error' || f.level === 'warning');
}
