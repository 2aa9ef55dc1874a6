// Engine tests for the Python semantic model itself (engine/languages/python/model.ts): the questions a
// detector asks (nameOf in its four ways, valueOf, valuesReaching) and the definitions an answer read.
// A probe detector asks about the argument of every `probe(...)` call and reports the answers.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Node } from 'web-tree-sitter';
import { pythonModel } from '../../server/src/engine/languages/python';
import { lint } from '../../server/src/engine/lint';
import type { Detector, SourceFile } from '../../server/src/engine/types';
import { getGrammars } from '../helpers';

type Ask = (file: SourceFile, arg: Node) => string;

function probe(ask: Ask): Detector {
  return {
    id: 'python.model-probe',
    rule: 'cert-verification-disabled',
    summary: 'probe',
    docs: 'probe',
    languages: ['python'],
    apis: [],
    tokens: ['probe'],
    fixAvailability: 'none',
    priority: 0,
    examples: {},
    detect(file, report) {
      for (const call of file.nodes('call')) {
        if (call.childForFieldName('function')?.text !== 'probe') continue;
        const arg = call.childForFieldName('arguments')?.namedChildren[0];
        if (arg) report({ node: call, message: ask(file, arg) });
      }
    },
  };
}

async function answers(text: string, ask: Ask): Promise<string[]> {
  const result = lint({ text, path: 'app/m.py' }, await getGrammars(), [probe(ask)]);
  assert.deepEqual(result.errors, []);
  return result.findings.map((f) => f.message);
}

describe('python semantic model', () => {
  it('names what reaches a node in each of the four ways', async () => {
    const text = [
      'import ssl as s',
      'from ssl import PROTOCOL_TLSv1 as P',
      'PROTO = s.PROTOCOL_TLSv1',
      'def a():',
      '    ctx = s.create_default_context()',
      '    probe(ctx)',
      'def b():',
      '    ctx = s.SSLContext()',
      '    probe(ctx)',
      'probe(PROTO)',
      'probe(P)',
      'probe(getattr(s, "PROTOCOL_TLSv1_1", None))',
      'probe(s.VerifyMode.CERT_NONE)',
      '',
    ].join('\n');
    const got = await answers(text, (file, n) =>
      (['single', 'reaching', 'ssl', 'direct'] as const)
        .map((how) => pythonModel(file).nameOf(n, how) ?? '-')
        .join(' '),
    );
    assert.deepEqual(got, [
      // `ctx` is bound twice: only `reaching` picks the binding of its own function.
      '- ssl.create_default_context() - -',
      '- ssl.SSLContext() - -',
      // Through a variable: every way but `direct`.
      'ssl.PROTOCOL_TLSv1 ssl.PROTOCOL_TLSv1 ssl.PROTOCOL_TLSv1 -',
      'ssl.PROTOCOL_TLSv1 ssl.PROTOCOL_TLSv1 ssl.PROTOCOL_TLSv1 ssl.PROTOCOL_TLSv1',
      'ssl.PROTOCOL_TLSv1_1 ssl.PROTOCOL_TLSv1_1 ssl.PROTOCOL_TLSv1_1 ssl.PROTOCOL_TLSv1_1',
      // The enum spelling is normalised by `ssl` and `direct` only.
      'ssl.VerifyMode.CERT_NONE ssl.VerifyMode.CERT_NONE ssl.CERT_NONE ssl.CERT_NONE',
    ]);
  });

  it('follows values: once bound, per scope, and through flow', async () => {
    const text = [
      'V = False',
      'probe(V)',
      'def a():',
      '    ctx = make(1)',
      '    probe(ctx)',
      'def b(verify=True):',
      '    ctx = make(2)',
      '    probe(ctx)',
      '    probe(verify)',
      'b(verify=0)',
      'probe(x if c else (V))',
      '',
    ].join('\n');
    const got = await answers(text, (file, n) => {
      const m = pythonModel(file);
      return [
        m.valueOf(n)?.text,
        m.valueOf(n, 'scoped')?.text,
        m
          .valuesReaching(n)
          .map((v) => v.text)
          .join('|'),
      ].join(' / ');
    });
    assert.deepEqual(got, [
      'False / False / False',
      // Bound in two functions: `constant` stops at the name, `scoped` takes its own function's.
      'ctx / make(1) / make(1)',
      'ctx / make(2) / make(2)',
      // A parameter: its default only; a caller's argument is reported at the call site (engine/calls).
      'verify / verify / True',
      'x if c else (V) / x if c else (V) / x|False',
    ]);
  });

  it('says which top-level definitions an answer read', async () => {
    const text = [
      'import ssl',
      'CTX_FACTORY = ssl.create_default_context',
      'def helper():',
      '    pass',
      'def use():',
      '    ctx = CTX_FACTORY()',
      '    probe(ctx)',
      '',
    ].join('\n');
    const got = await answers(text, (file, n) => {
      const m = pythonModel(file);
      const { result, definitions, names } = m.trackReads(() => m.nameOf(n));
      const defs = definitions.map((d) => d.text.split('\n')[0]).join(' ; ');
      return `${result} read: ${defs} names: ${names.sort().join(' ')}`;
    });
    // `helper` is not read: an edit there cannot change the answer.
    assert.deepEqual(got, [
      'ssl.create_default_context() read: def use(): ; CTX_FACTORY = ssl.create_default_context' +
        ' names: CTX_FACTORY ctx ssl ssl.create_default_context',
    ]);
  });
  it("gives a probe lint sharing its lint's name memos the sinks a probe lint of its own gives", async () => {
    // Names through aliases, a star import, getattr, assignments and a method reference: what each
    // probe's detectors resolve, first asked by the outer lint (whose memos its probes share).
    const text = [
      'import ssl',
      'import ssl as s',
      'from ssl import CERT_NONE as NONE',
      'from ssl import *',
      'W = ssl.SSLContext',
      '',
      'def make(sock, mode, ciphers="DEFAULT"):',
      '    ctx = W(ssl.PROTOCOL_TLS_CLIENT)',
      '    ctx.verify_mode = mode',
      '    ctx.set_ciphers(ciphers)',
      '    c2 = SSLContext(PROTOCOL_TLS_CLIENT)',
      '    c2.verify_mode = mode',
      '    c3 = getattr(s, "SSLContext")(s.PROTOCOL_TLS_CLIENT)',
      '    c3.verify_mode = mode',
      '    return ctx.wrap_socket(sock)',
      '',
      'def outer(sock):',
      '    make(sock, NONE, "RC4")',
      '    make(sock, ssl.CERT_REQUIRED, "ALL:eNULL")',
      '    make(sock, mode=CERT_OPTIONAL)',
      '    return make(sock, s.CERT_NONE, "HIGH")',
      '',
    ].join('\n');
    const grammars = await getGrammars();
    const path = 'app/m.py';
    const result = lint({ text, path }, grammars);
    const fromCalls = result.findings
      .filter((f) => /is called with/.test(f.message))
      .flatMap((f) =>
        (f.related ?? []).map((r) => `${f.detector} ${text.slice(f.start, f.end)} -> ${r.start}-${r.end}`),
      )
      .sort();
    const probes = [
      { function: 'make', index: 1, text: 'ssl.CERT_NONE', shown: 'NONE' },
      { function: 'make', index: 2, text: '"RC4"', shown: '"RC4"' },
      { function: 'make', index: 1, text: 'ssl.CERT_REQUIRED', shown: 'ssl.CERT_REQUIRED' },
      { function: 'make', index: 2, text: '"ALL:eNULL"', shown: '"ALL:eNULL"' },
      { function: 'make', param: 'mode', text: 'ssl.CERT_OPTIONAL', shown: 'mode=CERT_OPTIONAL' },
      { function: 'make', index: 1, text: 'ssl.CERT_NONE', shown: 's.CERT_NONE' },
    ];
    const alone = probes
      .flatMap(({ shown, ...probe }) =>
        (lint({ text, path, probe }, grammars).sinks ?? []).map(
          (h) => `${h.detector} ${shown} -> ${h.at.start}-${h.at.end}`,
        ),
      )
      .sort();
    assert.equal(alone.length, 6, alone.join('\n'));
    assert.deepEqual(fromCalls, alone);
  });
});
