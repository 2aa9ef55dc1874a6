// Dependency manifests and lock files, each read with a parser for its format (JSON: jsonc-parser,
// which gives offsets; YAML: yaml; TOML: smol-toml; XML: fast-xml-parser; yarn.lock v1:
// @yarnpkg/lockfile), into the dependencies they pin or allow and the offsets of the version text.
// Parsers that give no offsets (TOML, XML, yarn v1) are paired with a locator that walks the same
// entries in document order and checks each against the parsed value, so a finding always lands on
// the version the parser read. Pure: text in, dependencies out; bad input throws a clear error.
import { XMLParser } from 'fast-xml-parser';
import { findNodeAtLocation, parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { LineCounter, isMap, isScalar, parseDocument } from 'yaml';
import type { LanguageId } from '../types';
import type { Clause } from './advisories';

// smol-toml ships CommonJS under `require` but declares only ESM types; @yarnpkg/lockfile ships no
// types. Both are bundled by esbuild like every other dependency.
/* eslint-disable @typescript-eslint/no-require-imports */
const { parse: parseToml } = require('smol-toml') as { parse: (text: string) => unknown };
const lockfile = require('@yarnpkg/lockfile') as {
  parse(text: string): { type: 'success' | 'merge' | 'conflict'; object: Record<string, { version?: string }> };
};
/* eslint-enable @typescript-eslint/no-require-imports */

export interface Dependency {
  name: string;
  /** The exact version, when one is pinned or locked. */
  version?: string;
  /** The clauses of a range (`>=1.25,<2`), when it is not one exact version. */
  clauses?: Clause[];
  /** The version text as written, for messages. */
  shown: string;
  /** Offsets of the version text: where the finding goes and what a fix replaces. */
  start: number;
  end: number;
  /** A manifest pin that a fix may rewrite (lock files carry hashes and are regenerated instead). */
  fixable: boolean;
}

export class ManifestError extends Error {}

// --- JSON ---------------------------------------------------------------------------------------

function json(text: string, what: string): JsonNode {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  if (!tree || errors.length) throw new ManifestError(`${what} is not valid JSON (offset ${errors[0]?.offset ?? 0})`);
  return tree;
}

function props(node: JsonNode | undefined): [string, JsonNode][] {
  if (!node || node.type !== 'object') return [];
  return (node.children ?? []).map((p) => [String(p.children![0].value), p.children![1]]);
}

function stringAt(node: JsonNode | undefined): { value: string; start: number; end: number } | undefined {
  if (!node || node.type !== 'string') return undefined;
  return { value: String(node.value), start: node.offset + 1, end: node.offset + node.length - 1 };
}

/** package-lock.json / npm-shrinkwrap.json, lockfile versions 1 to 3. */
export function npmLock(text: string): Dependency[] {
  const tree = json(text, 'package-lock.json');
  const out: Dependency[] = [];
  const seen = new Set<number>();
  const push = (name: string, entry: JsonNode) => {
    const v = stringAt(findNodeAtLocation(entry, ['version']));
    if (!v || seen.has(v.start) || /^(file|link|git|https?):/.test(v.value)) return;
    seen.add(v.start);
    out.push({ name, version: v.value, shown: v.value, start: v.start, end: v.end, fixable: false });
  };
  for (const [key, entry] of props(findNodeAtLocation(tree, ['packages']))) {
    const i = key.lastIndexOf('node_modules/');
    if (i < 0) continue;
    const name = key.slice(i + 'node_modules/'.length);
    push(stringAt(findNodeAtLocation(entry, ['name']))?.value ?? name, entry);
  }
  const walk = (deps: JsonNode | undefined) => {
    for (const [name, entry] of props(deps)) {
      push(name, entry);
      walk(findNodeAtLocation(entry, ['dependencies']));
    }
  };
  // Version 1 (and the compatibility copy in version 2) nests `dependencies`.
  if (!findNodeAtLocation(tree, ['packages'])) walk(findNodeAtLocation(tree, ['dependencies']));
  return out;
}

/** Pipfile.lock: `default` and `develop`, each name -> { "version": "==41.0.1" }. */
export function pipfileLock(text: string): Dependency[] {
  const tree = json(text, 'Pipfile.lock');
  const out: Dependency[] = [];
  for (const section of ['default', 'develop']) {
    for (const [name, entry] of props(findNodeAtLocation(tree, [section]))) {
      const v = stringAt(findNodeAtLocation(entry, ['version']));
      const m = v && /^(===?)\s*(\S+)$/.exec(v.value);
      if (!v || !m) continue;
      const start = v.start + v.value.indexOf(m[2]);
      out.push({ name, version: m[2], shown: m[2], start, end: start + m[2].length, fixable: false });
    }
  }
  return out;
}

/** package.json `engines.node`: a semver range of Node.js releases. */
export function packageJsonEngines(text: string): { range: string; start: number; end: number } | undefined {
  const tree = json(text, 'package.json');
  const v = stringAt(findNodeAtLocation(tree, ['engines', 'node']));
  return v ? { range: v.value, start: v.start, end: v.end } : undefined;
}

// --- Python requirement strings (PEP 508) -------------------------------------------------------

const CLAUSE = /^\s*(~=|===|==|!=|<=|>=|<|>)\s*([A-Za-z0-9][A-Za-z0-9.*+!_-]*)\s*$/;

/** A PEP 508 requirement (`cryptography[ssh]>=41,<42 ; python_version>"3.8"`) at `offset` in the file. */
export function pep508(req: string, offset: number, fixable: boolean): Dependency | undefined {
  const m = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(\[[^\]]*\])?\s*(\(?)([^;@]*?)\)?\s*(;.*)?$/.exec(req);
  if (!m || !m[4].trim()) return undefined;
  const specText = m[4];
  const specStart = offset + req.indexOf(specText, m[1].length);
  const clauses: Clause[] = [];
  for (const part of specText.split(',')) {
    const c = CLAUSE.exec(part);
    if (!c) return undefined;
    clauses.push({ op: c[1] as Clause['op'], version: c[2] });
  }
  const trimmed = specText.trim();
  const start = specStart + specText.indexOf(trimmed);
  if (
    clauses.length === 1 &&
    (clauses[0].op === '==' || clauses[0].op === '===') &&
    !clauses[0].version.includes('*')
  ) {
    const vStart = specStart + specText.lastIndexOf(clauses[0].version);
    const version = clauses[0].version;
    return { name: m[1], version, shown: version, start: vStart, end: vStart + version.length, fixable };
  }
  return { name: m[1], clauses, shown: trimmed, start, end: start + trimmed.length, fixable: false };
}

/** requirements*.txt / constraints*.txt: one requirement a line; `#` comments, `\` continuations, pip options. */
export function requirementsTxt(text: string): Dependency[] {
  const out: Dependency[] = [];
  const re = /[^\n]*(?:\n|$)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) && m[0] !== '') {
    const lineStart = m.index;
    let line = m[0].replace(/\r?\n$/, '');
    // A comment starts at `#` at the start or after whitespace (pip's rule).
    const hash = /(^|\s)#/.exec(line);
    if (hash) line = line.slice(0, hash.index + hash[1].length);
    line = line.replace(/\\$/, '');
    // Hashes and other per-requirement options follow the requirement.
    line = line.replace(/\s--?[a-z][\w-]*(?:[= ]\S+)?/g, (s) => ' '.repeat(s.length));
    if (/^\s*(-|$)/.test(line) || /^\s*\w+:\/\//.test(line) || /^\s*[./]/.test(line)) continue;
    const dep = pep508(line, lineStart, true);
    if (dep) out.push(dep);
  }
  return out;
}

// --- TOML ---------------------------------------------------------------------------------------

function toml(text: string, what: string): Record<string, unknown> {
  try {
    return parseToml(text) as Record<string, unknown>;
  } catch (e) {
    throw new ManifestError(`${what} is not valid TOML: ${(e as Error).message.split('\n')[0]}`);
  }
}

/** The offsets of each `[[package]]` table's `version = "..."` value, in document order. */
function packageTables(text: string): { nameAt?: number; version?: { value: string; start: number } }[] {
  const tables: { version?: { value: string; start: number } }[] = [];
  let current: { version?: { value: string; start: number } } | undefined;
  const re = /^[ \t]*(\[\[?[^\]\n]*\]\]?|version[ \t]*=[ \t]*"([^"\n]*)")/gm;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    if (m[1].startsWith('[')) {
      current = m[1].replace(/\s+/g, '') === '[[package]]' ? {} : undefined;
      if (current) tables.push(current);
    } else if (current && !current.version) {
      current.version = { value: m[2], start: m.index + m[0].lastIndexOf('"' + m[2]) + 1 };
    }
  }
  return tables;
}

/** poetry.lock, uv.lock and Cargo.lock: `[[package]]` tables with `name` and `version`. */
export function packageLock(text: string, what: string): Dependency[] {
  const doc = toml(text, what);
  const packages = Array.isArray(doc.package) ? (doc.package as Record<string, unknown>[]) : [];
  const located = packageTables(text);
  if (located.length !== packages.length)
    throw new ManifestError(`${what}: ${packages.length} [[package]] tables parsed but ${located.length} located`);
  const out: Dependency[] = [];
  packages.forEach((p, i) => {
    const at = located[i].version;
    if (typeof p.name !== 'string' || typeof p.version !== 'string' || !at || at.value !== p.version) return;
    out.push({
      name: p.name,
      version: p.version,
      shown: p.version,
      start: at.start,
      end: at.start + at.value.length,
      fixable: false,
    });
  });
  return out;
}

/** pyproject.toml: PEP 621 `[project] dependencies` / `optional-dependencies`, and Poetry's `[tool.poetry.*dependencies]`. */
export function pyproject(text: string): Dependency[] {
  const doc = toml(text, 'pyproject.toml');
  const out: Dependency[] = [];
  const project = (doc.project ?? {}) as Record<string, unknown>;
  const strings: string[] = [];
  if (Array.isArray(project.dependencies)) strings.push(...project.dependencies.filter((s) => typeof s === 'string'));
  for (const list of Object.values((project['optional-dependencies'] ?? {}) as Record<string, unknown>))
    if (Array.isArray(list)) strings.push(...list.filter((s) => typeof s === 'string'));
  const groups = (doc['dependency-groups'] ?? {}) as Record<string, unknown>;
  for (const list of Object.values(groups))
    if (Array.isArray(list)) strings.push(...list.filter((s) => typeof s === 'string'));
  let from = 0;
  for (const s of strings) {
    // Locate the string literal itself (either quote style), in order.
    let at = -1;
    for (const q of ['"', "'"]) {
      const i = text.indexOf(q + s + q, from);
      if (i >= 0 && (at < 0 || i < at)) at = i;
    }
    if (at < 0) continue;
    from = at + s.length + 2;
    const dep = pep508(s, at + 1, true);
    if (dep) out.push(dep);
  }
  // Poetry: name = "^41.0" / { version = "..." } under [tool.poetry.dependencies] and groups.
  const poetry = ((doc.tool as Record<string, unknown>)?.poetry ?? {}) as Record<string, unknown>;
  const tables: Record<string, unknown>[] = [];
  if (poetry.dependencies) tables.push(poetry.dependencies as Record<string, unknown>);
  if (poetry['dev-dependencies']) tables.push(poetry['dev-dependencies'] as Record<string, unknown>);
  for (const g of Object.values((poetry.group ?? {}) as Record<string, { dependencies?: Record<string, unknown> }>))
    if (g?.dependencies) tables.push(g.dependencies);
  for (const table of tables) {
    for (const [name, value] of Object.entries(table)) {
      const spec = typeof value === 'string' ? value : (value as { version?: unknown })?.version;
      if (typeof spec !== 'string' || name === 'python') continue;
      const re = new RegExp(
        `^[ \\t]*"?${name.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}"?[ \\t]*=[^\\n]*?(["'])(${spec.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})\\1`,
        'm',
      );
      const m = re.exec(text);
      if (!m) continue;
      const start = m.index + m[0].length - 1 - m[2].length;
      const clauses = poetryClauses(spec);
      if (!clauses) continue;
      const exact = clauses.length === 1 && clauses[0].op === '==' ? clauses[0].version : undefined;
      out.push(
        exact
          ? { name, version: exact, shown: spec, start, end: start + spec.length, fixable: /^\d/.test(spec) }
          : { name, clauses, shown: spec, start, end: start + spec.length, fixable: false },
      );
    }
  }
  return out;
}

/** Poetry constraints: `^1.2`, `~1.2`, `1.2.3`, `>=1,<2`, `*`. */
export function poetryClauses(spec: string): Clause[] | undefined {
  const s = spec.trim();
  if (s === '*' || s === '') return undefined;
  const caret = /^\^\s*(\d+(?:\.\d+)*)$/.exec(s);
  if (caret) {
    const parts = caret[1].split('.').map(Number);
    const i = parts.findIndex((p) => p !== 0);
    const idx = i < 0 ? parts.length - 1 : i;
    const upper = parts.slice(0, idx + 1);
    upper[idx] += 1;
    return [
      { op: '>=', version: caret[1] },
      { op: '<', version: upper.join('.') },
    ];
  }
  const tilde = /^~\s*(\d+(?:\.\d+)*)$/.exec(s);
  if (tilde) {
    const parts = tilde[1].split('.').map(Number);
    const upper = parts.length > 1 ? [parts[0], parts[1] + 1] : [parts[0] + 1];
    return [
      { op: '>=', version: tilde[1] },
      { op: '<', version: upper.join('.') },
    ];
  }
  if (/^\d[\w.]*$/.test(s)) return [{ op: '==', version: s }];
  const clauses: Clause[] = [];
  for (const part of s.split(',')) {
    const c = CLAUSE.exec(part);
    if (!c) return undefined;
    clauses.push({ op: c[1] as Clause['op'], version: c[2] });
  }
  return clauses;
}

// --- YAML ---------------------------------------------------------------------------------------

/** pnpm-lock.yaml (v5 `/name/1.2.3`, v6 `/name@1.2.3`, v9 `name@1.2.3`, peer suffixes in parentheses). */
export function pnpmLock(text: string): Dependency[] {
  const doc = parseDocument(text, { lineCounter: new LineCounter(), uniqueKeys: false });
  if (doc.errors.length)
    throw new ManifestError(`pnpm-lock.yaml is not valid YAML: ${doc.errors[0].message.split('\n')[0]}`);
  const out: Dependency[] = [];
  for (const section of ['packages', 'snapshots']) {
    const map = doc.get(section, true);
    if (!isMap(map)) continue;
    for (const item of map.items) {
      if (!isScalar(item.key) || !item.key.range) continue;
      const key = String(item.key.value);
      const noSlash = key.startsWith('/') ? key.slice(1) : key;
      const paren = noSlash.indexOf('(');
      const bare = paren >= 0 ? noSlash.slice(0, paren) : noSlash;
      const m = /^(@[^/@]+\/[^/@]+|[^/@]+)[@/](\d[^/@]*)$/.exec(bare);
      if (!m) continue;
      const src = text.slice(item.key.range[0], item.key.range[1]);
      const at = item.key.range[0] + src.indexOf(m[2], src.indexOf(m[1]) + m[1].length);
      if (out.some((d) => d.name === m[1] && d.version === m[2])) continue;
      out.push({ name: m[1], version: m[2], shown: m[2], start: at, end: at + m[2].length, fixable: false });
    }
  }
  return out;
}

/** yarn.lock: v1 through @yarnpkg/lockfile, v2+ (Berry) as the YAML it is. */
export function yarnLock(text: string): Dependency[] {
  if (/^__metadata:/m.test(text)) return yarnBerry(text);
  const parsed = lockfile.parse(text.replace(/\r\n/g, '\n'));
  if (parsed.type !== 'success') throw new ManifestError(`yarn.lock could not be parsed (${parsed.type})`);
  const out: Dependency[] = [];
  // Locate each entry: its header line (`"node-forge@^1.2.0", node-forge@^1.0.0:`), then its `version` line.
  const re = /^(\S[^\n]*):[ \t]*\r?\n((?:[ \t]+[^\n]*\r?\n?)*)/gm;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const firstKey = m[1].split(/,\s*/)[0].replace(/^"|"$/g, '');
    const entry = parsed.object[firstKey];
    if (!entry?.version) continue;
    const v = /^[ \t]+version:?[ \t]+"?([^"\s]+)"?/m.exec(m[2]);
    if (!v || v[1] !== entry.version) continue;
    const name = firstKey.slice(0, firstKey.lastIndexOf('@') > 0 ? firstKey.lastIndexOf('@') : undefined);
    const start = m.index + m[0].indexOf(m[2]) + v.index + v[0].lastIndexOf(v[1]);
    out.push({ name, version: entry.version, shown: entry.version, start, end: start + v[1].length, fixable: false });
  }
  return out;
}

function yarnBerry(text: string): Dependency[] {
  const doc = parseDocument(text, { uniqueKeys: false });
  if (doc.errors.length)
    throw new ManifestError(`yarn.lock is not valid YAML: ${doc.errors[0].message.split('\n')[0]}`);
  const out: Dependency[] = [];
  const root = doc.contents;
  if (!isMap(root)) return out;
  for (const item of root.items) {
    if (!isScalar(item.key) || !isMap(item.value)) continue;
    const key = String(item.key.value).split(/,\s*/)[0];
    if (key === '__metadata') continue;
    const at = key.lastIndexOf('@', key.length - 1);
    const name = key.slice(0, key.indexOf('@', 1) > 0 ? key.indexOf('@', 1) : at);
    const v = item.value.get('version', true);
    if (!isScalar(v) || !v.range) continue;
    const version = String(v.value);
    const src = text.slice(v.range[0], v.range[1]);
    const start = v.range[0] + src.indexOf(version);
    out.push({ name, version, shown: version, start, end: start + version.length, fixable: false });
  }
  return out;
}

// --- XML (Maven) --------------------------------------------------------------------------------

/** Blanks XML comments and CDATA, keeping offsets, so the locator never reads inside them. */
function blankComments(text: string): string {
  return text.replace(/<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>/g, (s) => s.replace(/[^\n]/g, ' '));
}

interface PomDependency {
  groupId?: string;
  artifactId?: string;
  version?: string | number;
}

/** pom.xml: `<dependency>` and `<dependencyManagement>` entries, `${property}` versions resolved from `<properties>`. */
export function pom(text: string): Dependency[] {
  let doc: { project?: Record<string, unknown> };
  try {
    doc = new XMLParser({ ignoreAttributes: true, parseTagValue: false, isArray: (n) => n === 'dependency' }).parse(
      text,
      true,
    ) as typeof doc;
  } catch (e) {
    throw new ManifestError(`pom.xml is not valid XML: ${(e as Error).message.split('\n')[0]}`);
  }
  const project = doc.project ?? {};
  const properties = (project.properties ?? {}) as Record<string, unknown>;
  const blanked = blankComments(text);
  // Locate every <dependency> element in document order and read its version offsets.
  const blocks: {
    groupId?: string | undefined;
    artifactId?: string | undefined;
    version?: { value: string; start: number } | undefined;
  }[] = [];
  const re = /<dependency>([\s\S]*?)<\/dependency>/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(blanked))) {
    const inner = m[1];
    const base = m.index + '<dependency>'.length;
    const el = (tag: string) => {
      const x = new RegExp(`<${tag}>\\s*([^<]*?)\\s*</${tag}>`).exec(inner);
      return x ? { value: x[1], start: base + x.index + x[0].indexOf(x[1], tag.length + 2) } : undefined;
    };
    blocks.push({ groupId: el('groupId')?.value, artifactId: el('artifactId')?.value, version: el('version') });
  }
  const parsed: PomDependency[] = [];
  const collect = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
      if (k === 'dependency' && Array.isArray(v)) parsed.push(...(v as PomDependency[]));
      else collect(v);
    }
  };
  collect(project);
  const out: Dependency[] = [];
  for (const b of blocks) {
    const p = parsed.find((x) => x.groupId === b.groupId && x.artifactId === b.artifactId);
    if (!p || !b.version || !b.groupId || !b.artifactId) continue;
    let value = b.version.value;
    let start = b.version.start;
    const prop = /^\$\{([^}]+)\}$/.exec(value);
    if (prop) {
      const resolved = properties[prop[1]];
      if (typeof resolved !== 'string' && typeof resolved !== 'number') continue;
      const x = new RegExp(`<${prop[1].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}>\\s*([^<]*?)\\s*</`).exec(blanked);
      if (!x || x[1] !== String(resolved)) continue;
      value = x[1];
      start = x.index + x[0].indexOf(x[1], prop[1].length + 2);
    }
    if (!/^\d/.test(value)) continue; // ranges ([1.0,2.0)) and unresolved expressions are not judged
    out.push({
      name: `${b.groupId}:${b.artifactId}`,
      version: value,
      shown: value,
      start,
      end: start + value.length,
      fixable: true,
    });
  }
  return out;
}

/** gradle.lockfile: `group:artifact:version=configurations` lines. */
export function gradleLockfile(text: string): Dependency[] {
  const out: Dependency[] = [];
  const re = /^([\w.-]+):([\w.-]+):([^=\s]+)=/gm;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const start = m.index + m[1].length + m[2].length + 2;
    out.push({ name: `${m[1]}:${m[2]}`, version: m[3], shown: m[3], start, end: start + m[3].length, fixable: false });
  }
  return out;
}

// --- go.mod -------------------------------------------------------------------------------------

export interface GoMod {
  /** The `go` directive's version and offsets. */
  go?: { version: string; start: number; end: number };
  toolchain?: { version: string; start: number; end: number };
  requires: Dependency[];
}

/** go.mod's `go`, `toolchain` and `require` directives (single and block form); `//` comments ignored. */
export function goMod(text: string): GoMod {
  const out: GoMod = { requires: [] };
  let inRequire = false;
  const re = /[^\n]*(?:\n|$)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) && m[0] !== '') {
    const lineStart = m.index;
    const raw = m[0].replace(/\r?\n$/, '');
    const code = raw.replace(/\/\/[\s\S]*$/, '');
    const trimmed = code.trim();
    if (inRequire) {
      if (trimmed === ')') {
        inRequire = false;
        continue;
      }
      const r = /^(\S+)\s+(v\S+)/.exec(trimmed);
      if (r) out.requires.push(goRequire(r[1], r[2], lineStart + code.indexOf(r[2], code.indexOf(r[1]) + r[1].length)));
      continue;
    }
    if (/^require\s*\($/.test(trimmed)) {
      inRequire = true;
      continue;
    }
    const single = /^require\s+(\S+)\s+(v\S+)/.exec(trimmed);
    if (single) {
      out.requires.push(goRequire(single[1], single[2], lineStart + code.lastIndexOf(single[2])));
      continue;
    }
    const go = /^go\s+(\d+\.\d+(?:\.\d+)?(?:(?:rc|beta)\d+)?)$/.exec(trimmed);
    if (go) {
      const start = lineStart + code.lastIndexOf(go[1]);
      out.go = { version: go[1], start, end: start + go[1].length };
    }
    const tc = /^toolchain\s+go(\d+\.\d+(?:\.\d+)?(?:(?:rc|beta)\d+)?)(?:-\S+)?$/.exec(trimmed);
    if (tc) {
      const start = lineStart + code.indexOf(tc[1], code.indexOf('toolchain') + 9);
      out.toolchain = { version: tc[1], start, end: start + tc[1].length };
    }
  }
  return out;
}

function goRequire(name: string, version: string, start: number): Dependency {
  return { name, version, shown: version, start, end: start + version.length, fixable: true };
}

// --- .nvmrc / .node-version ---------------------------------------------------------------------

/** The version a .nvmrc names (`18`, `v18.17.0`, `18.17`), skipping `#` comments; aliases (`lts/*`, `node`) are not versions. */
export function nvmrc(text: string): { version: string; start: number; end: number } | undefined {
  const re = /^[ \t]*v?(\d+(?:\.\d+){0,2})[ \t]*(?:#.*)?$/m;
  const m = re.exec(text);
  if (!m) return undefined;
  const start = m.index + m[0].indexOf(m[1]);
  return { version: m[1], start, end: start + m[1].length };
}

// --- Dockerfile ---------------------------------------------------------------------------------

export interface BaseImage {
  image: string;
  tag: string;
  /** Offsets of the tag. */
  start: number;
  end: number;
}

/**
 * The `FROM` images of a Dockerfile: instructions are joined across `\` continuations, comment lines
 * are skipped, `--platform=` flags and `AS name` are read past, and stage names are not images.
 */
export function dockerFrom(text: string): BaseImage[] {
  const out: BaseImage[] = [];
  const stages = new Set<string>();
  const re = /^[ \t]*FROM[ \t]+((?:--\S+[ \t]+)*)(\S+)(?:[ \t]+AS[ \t]+(\S+))?/gim;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const ref = m[2];
    const imageStart = m.index + m[0].indexOf(ref, m[0].toUpperCase().indexOf('FROM') + 4 + m[1].length);
    if (m[3]) stages.add(m[3].toLowerCase());
    if (stages.has(ref.toLowerCase()) && !m[3]) continue;
    if (ref.includes('$')) continue; // ARG-substituted: not known statically
    const noDigest = ref.split('@')[0];
    const slash = noDigest.lastIndexOf('/');
    const colon = noDigest.indexOf(':', slash + 1);
    if (colon < 0) continue; // `latest`: nothing pinned to judge
    const image = noDigest.slice(0, colon);
    const tag = noDigest.slice(colon + 1);
    out.push({ image, tag, start: imageStart + colon + 1, end: imageStart + colon + 1 + tag.length });
  }
  return out;
}

// --- Syntax checks ------------------------------------------------------------------------------

/** Each manifest format's parser, as a syntax check (fix.ts: a fix never leaves a file that no longer parses). */
const PARSERS: Partial<Record<LanguageId, (text: string) => unknown>> = {
  'pip-requirements': requirementsTxt,
  'pipfile-lock': pipfileLock,
  'poetry-lock': (t) => packageLock(t, 'poetry.lock'),
  'uv-lock': (t) => packageLock(t, 'uv.lock'),
  pyproject,
  'npm-lock': npmLock,
  'yarn-lock': yarnLock,
  'pnpm-lock': pnpmLock,
  'package-json': packageJsonEngines,
  nvmrc,
  'cargo-lock': (t) => packageLock(t, 'Cargo.lock'),
  'maven-pom': pom,
  'gradle-lockfile': gradleLockfile,
  gomod: goMod,
};

/** 1 when a manifest does not parse, 0 when it does, undefined for languages that are not manifests. */
export function manifestSyntaxErrors(language: LanguageId, text: string): number | undefined {
  const parse = PARSERS[language];
  if (!parse) return undefined;
  try {
    parse(text);
    return 0;
  } catch (e) {
    if (e instanceof ManifestError) return 1;
    throw e;
  }
}

/** The memo key under which a detector records that its file does not parse (lint reports `syntaxErrors`). */
export const SYNTAX_ERROR_MEMO = 'deps:syntax-error';
