// Suppression comments: the suppress edit is a real comment in every context, and it silences its finding.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, syntaxErrorCount } from '../../server/src/engine/fix';
import { check, getGrammars } from '../helpers';

async function suppressAndRelint(text: string, path: string) {
  const first = await check(text, path);
  assert.ok(first.findings.length > 0, 'no finding to suppress');
  const f = first.findings[0];
  const out = applyEdits(text, [f.suppressEdit!]);
  const again = await check(out, path);
  return { f, out, again };
}

describe('suppress edits', () => {
  it('Python: a # comment above the finding, with its indentation, silences it', async () => {
    const text = 'import requests\ndef f():\n    requests.get("https://x", verify=False)\n';
    const { out, again } = await suppressAndRelint(text, 'a.py');
    assert.match(out, /\n {4}# tlslint-disable-next-line cert-verification-disabled -- reason: .*\n {4}requests\.get/);
    assert.equal(again.findings.filter((x) => x.rule === 'cert-verification-disabled').length, 0);
    assert.equal(again.suppressed.length, 1);
  });

  it('TSX: inside JSX children the comment is {/* ... */}, the file still parses and the finding is silenced', async () => {
    const text = [
      "import https from 'https';",
      'export const A = () => (',
      '  <div>',
      '    <Fetch',
      '      agent={new https.Agent({ rejectUnauthorized: false })}',
      '    />',
      '    {new https.Agent({',
      '      rejectUnauthorized: false })}',
      '    {new https.Agent({ rejectUnauthorized: false })}',
      '  </div>',
      ');',
      '',
    ].join('\n');
    const grammars = await getGrammars();
    const base = syntaxErrorCount(text, 'tsx', grammars);
    const first = await check(text, 'a.tsx');
    const findings = first.findings.filter((f) => f.rule === 'cert-verification-disabled');
    assert.ok(findings.length >= 1);
    assert.equal(findings.length, 3);
    assert.ok(
      findings.some((f) => f.suppressEdit!.newText.includes('{/* tlslint-disable-next-line')),
      'no JSX-children comment',
    );
    for (const f of findings) {
      const out = applyEdits(text, [f.suppressEdit!]);
      assert.ok(syntaxErrorCount(out, 'tsx', grammars) <= base, `suppress edit breaks the syntax:\n${out}`);
      const again = await check(out, 'a.tsx');
      assert.ok(
        again.suppressed.some((s) => s.rule === f.rule),
        `not silenced:\n${out}`,
      );
    }
  });
});

describe('file suppress edits', () => {
  const cases: { name: string; path: string; text: string; expected: string }[] = [
    {
      name: 'Python: after the shebang and the encoding line',
      path: 'a.py',
      text: '#!/usr/bin/env python3\n# -*- coding: utf-8 -*-\nimport requests\nrequests.get("https://x", verify=False)\n',
      expected:
        '#!/usr/bin/env python3\n# -*- coding: utf-8 -*-\n# tlslint-disable-file cert-verification-disabled -- reason: <why this is acceptable>\nimport requests\n',
    },
    {
      name: 'Go: on the first line, with //',
      path: 'a.go',
      text: 'package main\n\nimport "crypto/tls"\n\nvar c = &tls.Config{InsecureSkipVerify: true}\n',
      expected:
        '// tlslint-disable-file cert-verification-disabled -- reason: <why this is acceptable>\npackage main\n',
    },
    {
      name: 'PHP: after <?php, never before it (that would be HTML text)',
      path: 'a.php',
      text: '<?php\ncurl_setopt($ch, CURLOPT_SSL_VERIFYPEER, false);\n',
      expected:
        '<?php\n// tlslint-disable-file cert-verification-disabled -- reason: <why this is acceptable>\ncurl_setopt(',
    },
    {
      name: 'PHP: code on the <?php line stays code',
      path: 'a.php',
      text: '<?php curl_setopt($ch, CURLOPT_SSL_VERIFYPEER, false);\n',
      expected:
        '<?php\n// tlslint-disable-file cert-verification-disabled -- reason: <why this is acceptable>\n curl_setopt(',
    },
    {
      name: 'Ruby: after the magic comment, CRLF kept',
      path: 'a.rb',
      text: "# frozen_string_literal: true\r\nrequire 'net/http'\r\nhttp.verify_mode = OpenSSL::SSL::VERIFY_NONE\r\n",
      expected:
        '# frozen_string_literal: true\r\n# tlslint-disable-file cert-verification-disabled -- reason: <why this is acceptable>\r\nrequire',
    },
    {
      name: 'Dockerfile: after the parser directives',
      path: 'Dockerfile',
      text: '# syntax=docker/dockerfile:1\nFROM debian\nRUN curl -k https://example.com/x.sh | sh\n',
      expected:
        '# syntax=docker/dockerfile:1\n# tlslint-disable-file cert-verification-disabled -- reason: <why this is acceptable>\nFROM debian\n',
    },
  ];
  for (const c of cases) {
    it(`${c.name}; the file still parses and every finding of the rule is silenced`, async () => {
      const first = await check(c.text, c.path);
      const f = first.findings.find((x) => x.rule === 'cert-verification-disabled');
      assert.ok(f?.suppressFileEdit, JSON.stringify(first.findings));
      const out = applyEdits(c.text, [f.suppressFileEdit]);
      assert.ok(out.startsWith(c.expected), out);
      const again = await check(out, c.path);
      assert.equal(again.findings.filter((x) => x.rule === f.rule).length, 0, JSON.stringify(again.findings));
      assert.ok(again.suppressed.some((x) => x.suppression?.kind === 'file'));
      assert.equal(again.syntaxErrors, first.syntaxErrors);
    });
  }
});

describe('directive placement', () => {
  it('a directive opens its comment; prose that mentions the syntax mid-comment is not one', async () => {
    const prose = [
      '// Suppression comments: `tlslint-disable-next-line <rule>[, <rule>] -- <reason>`, `-line` and `-file`.',
      "import https from 'https';",
      'export const a = 1;',
      '',
    ].join('\n');
    const r = await check(prose, 'a.ts');
    assert.deepEqual(r.findings, [], 'no unused-suppression for documentation prose');

    const py = [
      'import requests',
      '# See the docs: tlslint-disable-next-line is how to silence the next line.',
      'requests.get(u, verify=False)',
      'requests.get(u, verify=False)  # type: ignore # tlslint-disable-line cert-verification-disabled -- test',
      '  # tlslint-disable-next-line cert-verification-disabled -- indented, after blanks',
      'requests.get(u, verify=False)',
      '',
    ].join('\n');
    const p = await check(py, 'a.py');
    assert.deepEqual(
      p.findings.map((f) => f.rule),
      ['cert-verification-disabled'],
      'only line 3: the mid-comment mention silences nothing and is not reported',
    );
    assert.equal(p.suppressed.length, 2);
  });
});
