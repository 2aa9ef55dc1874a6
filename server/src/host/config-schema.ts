// The JSON schema of `.tlslint.json`, built from the rule registry so the rule-id list can never drift.
// scripts/gen-docs.mjs writes it to schemas/tlslint.schema.json (shipped for VS Code's jsonValidation)
// and `--check` fails when that copy is stale; the CLI and the server validate with this object, which
// esbuild bundles.
import { RULE_IDS, UNUSED_SUPPRESSION } from '../engine/types';
import { ALL_RULES } from '../rules';

/** Rule ids a config may name: the taxonomy plus the meta rule for stale suppressions. */
export const CONFIGURABLE_RULE_IDS: readonly string[] = [...RULE_IDS, UNUSED_SUPPRESSION];
export const SEVERITY_SETTINGS = ['off', 'information', 'warning', 'error'] as const;
export const TEST_FILES_MODES = ['report', 'downgrade', 'ignore'] as const;

function ruleDescription(id: string): string {
  if (id === UNUSED_SUPPRESSION) return 'A tlslint-disable comment that silences nothing (default: information).';
  const r = ALL_RULES.find((x) => x.id === id);
  return r ? `${r.summary} (default: ${r.defaultSeverity}, CWE-${r.cwe}).` : id;
}

const severity = { type: 'string', enum: [...SEVERITY_SETTINGS] };
const version = {
  type: 'string',
  pattern: '^[0-9]+\\.[0-9]+$',
  description: 'The language version the code targets, e.g. "3.12".',
};

export const CONFIG_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://tlslint.invalid/schemas/tlslint.schema.json',
  title: 'tlslint configuration (.tlslint.json)',
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    root: {
      type: 'boolean',
      description:
        'true: this is the top of the project. Configuration files in the folders above are not applied (without it, the search goes up to the repository root).',
    },
    extends: {
      description:
        "Configuration file(s) this one builds on, relative to this file's folder; applied first, then this file's own settings on top. A cycle is an error.",
      anyOf: [
        { type: 'string', minLength: 1 },
        { type: 'array', items: { type: 'string', minLength: 1 } },
      ],
    },
    rules: {
      type: 'object',
      description: 'Severity per rule id; "off" disables the rule.',
      additionalProperties: false,
      properties: Object.fromEntries(
        CONFIGURABLE_RULE_IDS.map((id) => [id, { ...severity, description: ruleDescription(id) }]),
      ),
    },
    ignore: {
      type: 'array',
      description: 'Extra gitignore-style globs, relative to the folder holding this file, of paths not to lint.',
      items: { type: 'string', minLength: 1 },
    },
    languages: {
      type: 'object',
      additionalProperties: false,
      properties: {
        python: { type: 'object', additionalProperties: false, properties: { version } },
        go: { type: 'object', additionalProperties: false, properties: { version } },
      },
    },
    testFiles: {
      type: 'string',
      enum: [...TEST_FILES_MODES],
      default: 'downgrade',
      description:
        'What happens in test code (test_*.py, *_test.go, *.spec.ts, test/ folders...): report as usual, downgrade to information (the default), or ignore. Fixes in test code are never safe.',
    },
  },
} as const;
