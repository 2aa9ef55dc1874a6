// C# specifics the fixtures cannot express: several legacy members of one `|` chain fixed together.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixAll } from '../../server/src/engine/fix';
import { check, getGrammars } from '../helpers';

describe('C# protocol enums', () => {
  it('drop every legacy member of a chain in one --fix run', async () => {
    const text =
      'using System.Net;\nclass A { void F() { ServicePointManager.SecurityProtocol = SecurityProtocolType.Ssl3 | SecurityProtocolType.Tls | SecurityProtocolType.Tls11 | SecurityProtocolType.Tls12; } }\n';
    const before = await check(text, 'A.cs');
    assert.equal(before.findings.length, 3);
    const out = fixAll({ text, path: 'A.cs' }, await getGrammars());
    assert.ok(out.converged);
    assert.ok(out.text.includes('ServicePointManager.SecurityProtocol = SecurityProtocolType.Tls12;'), out.text);
  });

  it('offer the OS default as the unsafe alternative', async () => {
    const text = 'using System.Security.Authentication;\nclass A { SslProtocols P = SslProtocols.Tls11; }\n';
    const [f] = (await check(text, 'A.cs')).findings;
    assert.deepEqual(
      f.fixes.map((x) => [x.safety, x.edits[0].newText]),
      [
        ['safe', 'SslProtocols.Tls12 | SslProtocols.Tls13'],
        ['unsafe', 'SslProtocols.None'],
      ],
    );
  });

  it('leave comparisons, masks and HasFlag alone', async () => {
    const text =
      'using System.Security.Authentication;\nclass A { bool F(SslProtocols p) { p &= ~SslProtocols.Tls; return p == SslProtocols.Tls11 || p.HasFlag(SslProtocols.Ssl3); } }\n';
    assert.equal((await check(text, 'A.cs')).findings.length, 0);
  });
});
