// Meta-tests over the registry (ESLint's checkRuleFiles, typescript-eslint's docs.test): detectors are
// registered under known rules, ids are unique and mirror file paths, the config schema's rule ids
// equal the registry, the shipped schema and rule docs are current and have the required headings.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { LANGUAGES } from '../../server/src/engine/languages';
import { DETECTORS, RULES } from '../../server/src/engine/registry';
import { RULE_IDS, UNUSED_SUPPRESSION } from '../../server/src/engine/types';
import { CONFIG_SCHEMA } from '../../server/src/host/config-schema';
import { ALL_RULES } from '../../server/src/rules';
import { ROOT } from '../helpers';

const DETECTORS_DIR = path.join(ROOT, 'server', 'src', 'detectors');
const COMPILED_DETECTORS = path.join(ROOT, 'out', 'server', 'src', 'detectors');
const DOC_HEADINGS = [
  '## What it does',
  '## Why is this bad?',
  '## How to fix',
  '## When not to use it',
  '## References',
];

describe('registry', () => {
  it('every detector points at a known rule and names only known languages', () => {
    for (const d of DETECTORS) {
      assert.ok(RULES.has(d.rule), `${d.id}: unknown rule ${d.rule}`);
      assert.ok(d.languages.length > 0, `${d.id}: no languages`);
      assert.ok(['always', 'sometimes', 'none'].includes(d.fixAvailability), `${d.id}: fixAvailability`);
      assert.ok(d.apis.length > 0, `${d.id}: apis are listed for the docs`);
    }
  });

  it('detector ids are unique', () => {
    const seen = new Set<string>();
    for (const d of DETECTORS) {
      assert.ok(!seen.has(d.id), `duplicate detector id ${d.id}`);
      seen.add(d.id);
    }
  });

  it('detector ids mirror file paths: <prefix>.<name> is server/src/detectors/<prefix>/<name>.ts', () => {
    for (const d of DETECTORS) {
      assert.match(d.id, /^[a-z0-9]+\.[a-z0-9]+(-[a-z0-9]+)*$/, `${d.id}: id shape`);
      const [prefix, name] = d.id.split('.');
      const file = path.join(DETECTORS_DIR, prefix, `${name}.ts`);
      assert.ok(fs.existsSync(file), `${d.id}: expected ${path.relative(ROOT, file)}`);
    }
  });

  it('every detector module exports only its detector, and is registered', () => {
    const registered = new Set(DETECTORS);
    const ids = new Set(DETECTORS.map((d) => d.id));
    for (const prefix of fs.readdirSync(DETECTORS_DIR)) {
      const dir = path.join(DETECTORS_DIR, prefix);
      if (!fs.statSync(dir).isDirectory()) continue;
      for (const f of fs.readdirSync(dir)) {
        if (!f.endsWith('.ts') || f.endsWith('.d.ts') || f === 'index.ts') continue;
        const compiled = path.join(COMPILED_DETECTORS, prefix, f.replace(/\.ts$/, '.js'));
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const mod = require(compiled) as { detector?: { id: string } };
        // What detectors share lives in <prefix>/support/ (or engine/): a detector module exports its
        // detector and nothing else, so no detector depends on another.
        assert.deepEqual(
          Object.keys(mod),
          ['detector'],
          `${prefix}/${f} must export only \`detector\`; move shared helpers to ${prefix}/support/`,
        );
        if (!mod.detector) continue;
        // Kotlin detectors wait for the tree-sitter-kotlin grammar: kotlin/index.ts registers them once LANGUAGES.kotlin has it.
        if (prefix === 'kotlin' && !LANGUAGES.kotlin.grammar) continue;
        assert.ok(
          registered.has(mod.detector as never) || ids.has(mod.detector.id),
          `${prefix}/${f} exports detector ${mod.detector.id} but it is not registered in ${prefix}/index.ts`,
        );
        assert.equal(
          mod.detector.id,
          `${prefix}.${f.replace(/\.ts$/, '')}`,
          `${prefix}/${f}: id must equal the file path`,
        );
      }
    }
  });

  it('every rule of the taxonomy has a rule file, and nothing else does', () => {
    assert.deepEqual(
      ALL_RULES.map((r) => r.id),
      [...RULE_IDS],
    );
    const files = fs
      .readdirSync(path.join(ROOT, 'server', 'src', 'rules'))
      .filter((f) => f !== 'index.ts' && f.endsWith('.ts'));
    assert.deepEqual(files.map((f) => f.replace(/\.ts$/, '')).sort(), [...RULE_IDS].sort());
  });
});

describe('config schema', () => {
  it("the schema's rule ids equal the registry plus unused-suppression", () => {
    assert.deepEqual(Object.keys(CONFIG_SCHEMA.properties.rules.properties), [
      ...ALL_RULES.map((r) => r.id),
      UNUSED_SUPPRESSION,
    ]);
  });

  it('schemas/tlslint.schema.json is the generated schema (npm run gen:docs)', () => {
    const shipped = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas', 'tlslint.schema.json'), 'utf8'));
    assert.deepEqual(shipped, JSON.parse(JSON.stringify(CONFIG_SCHEMA)));
  });
});

describe('rule docs', () => {
  for (const rule of ALL_RULES) {
    it(`${rule.id}: metadata and the required sections`, () => {
      assert.ok(rule.summary && !rule.summary.includes('\n'), 'one-line summary');
      assert.ok(rule.cwe > 0);
      for (const [k, v] of Object.entries(rule.docs))
        assert.ok(Array.isArray(v) ? v.length > 0 : String(v).trim().length > 0, `docs.${k} is empty`);
      const doc = fs.readFileSync(path.join(ROOT, 'docs', 'rules', `${rule.id}.md`), 'utf8');
      let at = -1;
      for (const h of DOC_HEADINGS) {
        const i = doc.indexOf(`\n${h}\n`);
        assert.ok(i > at, `docs/rules/${rule.id}.md: '${h}' missing or out of order`);
        at = i;
      }
      // Whether the docs list every current detector is `gen:docs --check`'s job (it runs before the tests).
    });
  }
});
