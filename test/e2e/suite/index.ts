/**
 * @fileoverview Entry of the end-to-end suite (`extensionTestsPath`): runs inside the real VS Code
 * extension host, test-electron style (`run()` resolves: pass; throws: fail).
 */
import { runAll } from './harness';
import './extension';
import './scan';
import './config';
import './screenshots';

export async function run(): Promise<void> {
  await runAll();
}
