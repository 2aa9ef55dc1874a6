// Ruby specifics the fixtures cannot express: heredocs are strings, and Gemfile-style names are Ruby.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check } from '../helpers';

describe('Ruby detectors', () => {
  it('ignore the constant inside a heredoc', async () => {
    const text = 'doc = <<~TXT\n  http.verify_mode = OpenSSL::SSL::VERIFY_NONE\nTXT\n';
    assert.equal((await check(text, 'a.rb')).findings.length, 0);
  });

  it('lint Rakefiles as Ruby', async () => {
    const text = 'task :fetch do\n  http.verify_mode = OpenSSL::SSL::VERIFY_NONE\nend\n';
    assert.equal((await check(text, 'Rakefile')).findings.length, 1);
  });
});
