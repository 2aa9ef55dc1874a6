// PHP specifics the fixtures cannot express: code outside `<?php` is HTML, and suppressions use `//`.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check } from '../helpers';

describe('PHP detectors', () => {
  it('ignore the same text in inline HTML', async () => {
    const text = '<p>curl_setopt($ch, CURLOPT_SSL_VERIFYPEER, false);</p>\n<?php echo 1; ?>\n';
    assert.equal((await check(text, 'page.php')).findings.length, 0);
  });

  it('honour a suppression comment', async () => {
    const text =
      '<?php\n// tlslint-disable-next-line cert-verification-disabled -- local dev server\ncurl_setopt($ch, CURLOPT_SSL_VERIFYPEER, false);\n';
    const r = await check(text, 'a.php');
    assert.equal(r.findings.length, 0);
    assert.equal(r.suppressed.length, 1);
  });
});
