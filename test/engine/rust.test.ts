// Rust specifics the fixtures cannot express (builder chains in closures and async blocks, doc comments).
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check } from '../helpers';

describe('Rust detectors', () => {
  it('see builder chains inside async blocks and closures', async () => {
    const text =
      'async fn f() {\n    let make = || reqwest::Client::builder().danger_accept_invalid_certs(true).build();\n}\n';
    assert.equal((await check(text, 'a.rs')).findings.length, 1);
  });

  it('leave doc comments and string literals alone', async () => {
    const text =
      '/// Call `.danger_accept_invalid_certs(true)` only in tests.\nfn f() { let s = "set_verify(SslVerifyMode::NONE)"; }\n';
    assert.equal((await check(text, 'a.rs')).findings.length, 0);
  });
});
