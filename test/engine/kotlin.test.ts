// Kotlin detectors read the tree-sitter-kotlin grammar; they register only when the engine has it.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DETECTORS, KOTLIN_DETECTORS } from '../../server/src/detectors/kotlin';
import { LANGUAGES } from '../../server/src/engine/languages';

describe('kotlin detectors', () => {
  it('are registered exactly when Kotlin has a grammar', () => {
    assert.equal(DETECTORS.length, LANGUAGES.kotlin.grammar ? KOTLIN_DETECTORS.length : 0);
  });
  it('are Kotlin-only and named kotlin.<name>', () => {
    assert.ok(KOTLIN_DETECTORS.length >= 7);
    for (const d of KOTLIN_DETECTORS) {
      assert.match(d.id, /^kotlin\.[a-z0-9-]+$/);
      assert.deepEqual(d.languages, ['kotlin']);
    }
  });
});
