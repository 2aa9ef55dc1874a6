// The server's warm-up (lsp/warm-up.ts): which languages it warms, and that it lints every sample of
// each with the documents' node-type memory and stops when the server shuts down.
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describe, it } from 'node:test';
import { NodeTypeMemory } from '../../server/src/engine/node-index';
import { warmUp, workspaceLanguages } from '../../server/src/lsp/warm-up';
import { getGrammars } from '../helpers';

function workspace(files: string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tlslint-warm-up-'));
  for (const f of files) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), '');
  }
  return dir;
}

describe('server warm-up', () => {
  it('warms the main languages of the folders (top level and one down), most files first', async () => {
    const dir = workspace([
      'a.py',
      'b.py',
      'pkg/c.py',
      'web/app.ts',
      'README.md',
      'deep/er/x.go',
      'node_modules/m/index.js',
      '.git/hook.sh',
    ]);
    try {
      assert.deepEqual(await workspaceLanguages([dir]), ['python', 'typescript']);
      // A language with under a tenth of the files of the first is left to its first file.
      const many = workspace([...Array.from({ length: 12 }, (_, i) => `m${i}.py`), 'x.ts']);
      try {
        assert.deepEqual(await workspaceLanguages([many]), ['python']);
      } finally {
        fs.rmSync(many, { recursive: true, force: true });
      }
      assert.deepEqual(await workspaceLanguages([path.join(dir, 'missing')]), []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("lints the language's samples with the shared node-type memory, and stops at shutdown", async () => {
    const grammars = await getGrammars();
    const memory = new NodeTypeMemory();
    let asked = 0;
    await warmUp(['python'], {
      grammarsFor: () => Promise.resolve(grammars),
      nodeTypes: memory,
      running: () => ++asked > 0,
    });
    const learned = memory.of(grammars.get('python')!).types;
    assert.ok(learned.has('call') && learned.has('assignment'), [...learned].join(' '));
    assert.ok(asked >= 20, `${asked} samples`);
    let stoppedAfter = 0;
    await warmUp(['python'], {
      grammarsFor: () => Promise.resolve(grammars),
      nodeTypes: undefined,
      running: () => ++stoppedAfter < 3,
    });
    assert.equal(stoppedAfter, 3);
    memory.dispose();
  });
});
