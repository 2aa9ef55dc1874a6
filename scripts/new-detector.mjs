// `npm run new:detector -- <prefix> <name> <rule> [--dry-run]`: writes a detector (with its summary,
// docs and examples to fill in), an annotated fixture, and registers it in the prefix's index.ts.
// The new detector's tests fail until it finds its example: that is the first thing to make pass.
// `--dry-run` prints what would be written and changes nothing.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const root = join(dirname(new URL(import.meta.url).pathname), '..');
const args = process.argv.slice(2).filter((a) => a !== '--dry-run');
const dryRun = process.argv.includes('--dry-run');

/** Per detector folder: the language its examples are in, the fixture's extension, its line comment. */
const PREFIXES = {
  python: { language: 'python', ext: 'py', comment: '#' },
  javascript: { language: 'javascript', ext: 'js', comment: '//' },
  go: { language: 'go', ext: 'go', comment: '//' },
  java: { language: 'java', ext: 'java', comment: '//' },
  kotlin: { language: 'kotlin', ext: 'kt', comment: '//' },
  csharp: { language: 'csharp', ext: 'cs', comment: '//' },
  c: { language: 'c', ext: 'c', comment: '//' },
  ruby: { language: 'ruby', ext: 'rb', comment: '#' },
  php: { language: 'php', ext: 'php', comment: '//', header: '<?php\n' },
  rust: { language: 'rust', ext: 'rs', comment: '//' },
  shell: { language: 'shell', ext: 'sh', comment: '#' },
  yaml: { language: 'yaml', ext: 'yaml', comment: '#' },
  nginx: { language: 'nginx', ext: 'nginx.conf', comment: '#' },
  apache: { language: 'apache', ext: 'conf', comment: '#' },
  haproxy: { language: 'haproxy', ext: 'cfg', comment: '#' },
};

function fail(message) {
  console.error(`new:detector: ${message}`);
  console.error('Usage: npm run new:detector -- <prefix> <name> <rule> [--dry-run]');
  process.exit(2);
}

const [prefix, name, rule] = args;
if (args.length !== 3) fail('expected three arguments');
const lang = PREFIXES[prefix];
if (!lang) fail(`unknown prefix '${prefix}' (one of: ${Object.keys(PREFIXES).join(', ')})`);
if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(name)) fail(`name '${name}' is not kebab-case`);
const types = readFileSync(join(root, 'server/src/engine/types.ts'), 'utf8');
const ruleIds = [...(/RULE_IDS = \[([^\]]*)\]/.exec(types)?.[1] ?? '').matchAll(/'([a-z-]+)'/g)].map((m) => m[1]);
if (!ruleIds.includes(rule)) fail(`unknown rule '${rule}' (one of: ${ruleIds.join(', ')})`);

const id = `${prefix}.${name}`;
const camel = name.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());
const detectorPath = join(root, 'server/src/detectors', prefix, `${name}.ts`);
const fixturePath = join(root, 'test/fixtures', prefix, `${name}.${lang.ext}`);
const indexPath = join(root, 'server/src/detectors', prefix, 'index.ts');
for (const p of [detectorPath, fixturePath]) if (existsSync(p)) fail(`${relative(root, p)} exists already`);
if (!existsSync(indexPath)) fail(`${relative(root, indexPath)} is missing`);

const detector = `import type { Node } from 'web-tree-sitter';
import { defineDetector } from '../../engine/detector';

// State: what a report hands to \`fix\` (here the node to replace). Drop it, and \`fix\`, if there is no fix.
export const detector = defineDetector<{ node: Node }>({
  id: '${id}',
  summary: 'TODO: one line, what it finds.',
  docs: \`
    TODO: the constructs it knows, what it leaves alone (secure look-alikes), and what its fix does.
  \`,
  rule: '${rule}',
  languages: ['${lang.language}'],
  apis: ['TODO: the API it looks at'],
  tokens: ['TODO'],
  fixAvailability: 'always',
  detect(_file, _report) {
    // Find nodes from the words in \`tokens\` (see ARCHITECTURE.md, Speed), then
    // report({ node, message: '...', state: { node } }).
  },
  fix(_file, r) {
    const { node } = r.state;
    return { title: 'TODO', safety: 'safe', edits: [{ start: node.startIndex, end: node.endIndex, newText: 'TODO' }] };
  },
  examples: {
    ${lang.language}: {
      bad: \`
        TODO: the smallest code that gives exactly one finding
      \`,
      good: \`
        TODO: the secure way to write it, which gives none
      \`,
    },
  },
});
`;

const c = lang.comment;
const fixture = `${lang.header ?? ''}${c} Fixture for ${id} (rule ${rule}): every line a finding is expected on carries
${c} \`ruleid: ${rule}\`, every secure look-alike \`ok: ${rule}\` (aliases, multi-line calls, comments, strings).

${c} ruleid: ${rule}
TODO insecure code

${c} ok: ${rule}
TODO secure code
`;

let index = readFileSync(indexPath, 'utf8');
const importLine = `import { detector as ${camel} } from './${name}';\n`;
const lastImport = index.lastIndexOf('import { detector as');
const importAt =
  lastImport >= 0 ? index.indexOf('\n', lastImport) + 1 : index.indexOf('\n', index.indexOf('import type')) + 1;
index = index.slice(0, importAt) + importLine + index.slice(importAt);
const listEnd = index.lastIndexOf('];');
if (listEnd < 0) fail(`no registration list in ${relative(root, indexPath)}`);
index = index.slice(0, listEnd) + `  ${camel},\n` + index.slice(listEnd);

const writes = [
  [detectorPath, detector],
  [fixturePath, fixture],
  [indexPath, index],
];
for (const [p, text] of writes) {
  if (dryRun) {
    console.log(`--- would write ${relative(root, p)} ---\n${text}`);
  } else {
    writeFileSync(p, text);
    console.log(`wrote ${relative(root, p)}`);
  }
}
if (!dryRun)
  console.log(
    `\nNext: fill in the TODOs, then \`npm test -- fixtures\` until ${id} passes, then\n` +
      '`UPDATE_SNAPSHOTS=1 npm test -- fixtures` (review the snapshot) and `npm run gen:docs`.',
  );
