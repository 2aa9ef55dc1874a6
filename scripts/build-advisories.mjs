#!/usr/bin/env node
// Builds server/src/engine/advisories.json, the offline advisory table behind the
// `outdated-tls-library` rule and the Show Runtime TLS Versions command, from public advisory
// databases checked out (or fetched as bare git directories) outside the repository.
//
//   node scripts/build-advisories.mjs --pypa DIR --rustsec DIR --vulndb DIR --openssl DIR \
//        --eol DIR --ghsa DIR [--out FILE] [--date YYYY-MM-DD]
//
// Each DIR is a git directory (bare or a work tree's .git parent) read at HEAD with `git`; --ghsa
// is a plain folder of GitHub advisory JSON files (github/advisory-database is too big to fetch
// whole, so the advisories it contributes are read one file at a time). The same flags can be
// given as environment variables (TLSLINT_ADV_PYPA, ..._RUSTSEC, ..._VULNDB, ..._OPENSSL, ..._EOL,
// ..._GHSA). Which packages and advisories are kept is data: scripts/advisory-sources.json.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseToml } from 'smol-toml';
import YAML from 'yaml';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CONFIG = JSON.parse(fs.readFileSync(path.join(ROOT, 'scripts', 'advisory-sources.json'), 'utf8'));
const KEYWORDS = new RegExp(CONFIG.keywords, 'i');

function args() {
  const out = {};
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z]+)$/.exec(argv[i]);
    if (!m || argv[i + 1] === undefined) throw new Error(`unexpected argument ${argv[i]}`);
    out[m[1]] = argv[++i];
  }
  for (const k of ['pypa', 'rustsec', 'vulndb', 'openssl', 'eol', 'ghsa']) {
    out[k] ??= process.env[`TLSLINT_ADV_${k.toUpperCase()}`];
    if (!out[k]) throw new Error(`missing --${k} (or TLSLINT_ADV_${k.toUpperCase()})`);
  }
  out.out ??= path.join(ROOT, 'server', 'src', 'engine', 'advisories.json');
  out.date ??= new Date().toISOString().slice(0, 10);
  return out;
}

/** A git directory read at HEAD: commit, file list, and file contents in one `cat-file --batch`. */
class Repo {
  constructor(name, dir) {
    this.name = name;
    this.dir = dir;
  }
  git(...a) {
    return execFileSync('git', ['--git-dir', this.gitDir(), ...a], { encoding: 'utf8', maxBuffer: 1 << 30 });
  }
  gitDir() {
    return fs.existsSync(path.join(this.dir, '.git')) ? path.join(this.dir, '.git') : this.dir;
  }
  source() {
    const [commit, date] = this.git('log', '-1', '--format=%H %cI', 'HEAD').trim().split(' ');
    return { name: this.name, commit, date };
  }
  list(folder) {
    const out = this.git('ls-tree', '-r', '--name-only', 'HEAD', '--', folder).trim();
    return out ? out.split('\n') : [];
  }
  grep(pattern, folder) {
    try {
      return this.git('grep', '-l', '-F', '-e', pattern, 'HEAD', '--', folder)
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => l.replace(/^HEAD:/, ''));
    } catch {
      return []; // git grep exits 1 when nothing matches
    }
  }
  /** The contents of many files at HEAD. */
  read(paths) {
    if (paths.length === 0) return new Map();
    const buf = execFileSync('git', ['--git-dir', this.gitDir(), 'cat-file', '--batch'], {
      input: paths.map((p) => `HEAD:${p}\n`).join(''),
      maxBuffer: 1 << 30,
    });
    const out = new Map();
    let at = 0;
    for (const p of paths) {
      const nl = buf.indexOf(10, at);
      const header = buf.subarray(at, nl).toString();
      const size = Number(header.split(' ')[2]);
      if (!Number.isFinite(size)) throw new Error(`${this.name}: cannot read ${p}: ${header}`);
      out.set(p, buf.subarray(nl + 1, nl + 1 + size).toString('utf8'));
      at = nl + 1 + size + 1;
    }
    return out;
  }
}

/** One line: the summary, else the first sentence of the details, at most 140 characters. */
function oneLine(summary, details) {
  let s = (summary || '').trim();
  if (!s) {
    const text = (details || '')
      .replace(/^#+ .*$/gm, '')
      .replace(/\s+/g, ' ')
      .trim();
    const sentences = text.split(/(?<=[.!?])\s+(?=[A-Z`])/);
    // pypa's details often open with what the package is ("cryptography is a package designed to...").
    const first = sentences.findIndex((x) => !/^\s*[\w.-]+ is (a|an|the) /i.test(x));
    s = (sentences[first < 0 ? 0 : first] ?? text).trim();
  }
  s = s.replace(/\s+/g, ' ');
  return s.length > 140 ? s.slice(0, 137).trimEnd() + '...' : s;
}

function cwesOf(osv) {
  const ids = osv.database_specific?.cwe_ids ?? [];
  return [...new Set(ids.map((c) => Number(String(c).replace(/^CWE-/, ''))).filter(Number.isFinite))];
}

/** OSV ECOSYSTEM/SEMVER ranges as [{introduced, fixed?, lastAffected?}]. */
function osvRanges(affected) {
  const out = [];
  for (const r of affected.ranges ?? []) {
    if (r.type !== 'ECOSYSTEM' && r.type !== 'SEMVER') continue;
    let cur;
    for (const e of r.events) {
      if (e.introduced !== undefined) {
        if (cur) out.push(cur);
        cur = { introduced: e.introduced };
      } else if (cur && e.fixed !== undefined) {
        out.push({ ...cur, fixed: e.fixed });
        cur = undefined;
      } else if (cur && e.last_affected !== undefined) {
        out.push({ ...cur, lastAffected: e.last_affected });
        cur = undefined;
      }
    }
    if (cur) out.push(cur);
  }
  return out;
}

function relevant(text, all) {
  return all || KEYWORDS.test(text);
}

function sorted(list) {
  return [...list].sort((a, b) => a.id.localeCompare(b.id));
}

function fromOsv(osv, ecosystem, keep) {
  const affected = [];
  for (const a of osv.affected ?? []) {
    if (a.package?.ecosystem !== ecosystem || !keep(a)) continue;
    const ranges = osvRanges(a);
    if (ranges.length) affected.push({ ecosystem, name: a.package.name, ranges });
  }
  if (!affected.length) return undefined;
  return {
    id: osv.id,
    aliases: [...(osv.aliases ?? [])].sort(),
    summary: oneLine(osv.summary, osv.details),
    cwes: cwesOf(osv),
    affected,
  };
}

function pypa(repo) {
  const out = [];
  const { all, keyword } = CONFIG.packages.PyPI;
  for (const pkg of [...all, ...keyword]) {
    const files = repo.list(`vulns/${pkg}`).filter((f) => f.endsWith('.yaml'));
    for (const text of repo.read(files).values()) {
      const osv = YAML.parse(text);
      if (!relevant(`${osv.summary ?? ''} ${osv.details ?? ''}`, all.includes(pkg))) continue;
      const adv = fromOsv(osv, 'PyPI', (a) => a.package.name.toLowerCase() === pkg);
      if (adv && !CONFIG.exclude.includes(adv.id)) out.push(adv);
    }
  }
  return out;
}

function rustsec(repo) {
  const out = [];
  const { all, keyword } = CONFIG.packages['crates.io'];
  for (const pkg of [...all, ...keyword]) {
    const files = repo.list(`crates/${pkg}`).filter((f) => f.endsWith('.md'));
    for (const text of repo.read(files).values()) {
      const m = /^```toml\n([\s\S]*?)\n```\n([\s\S]*)$/.exec(text);
      if (!m) throw new Error(`rustsec: unexpected advisory format in ${pkg}`);
      const meta = parseToml(m[1]);
      const body = m[2];
      const title = /^#\s+(.+)$/m.exec(body)?.[1] ?? '';
      const a = meta.advisory;
      if (a.withdrawn) continue;
      // Informational advisories (unmaintained, unsound) are not vulnerabilities in a version.
      if (a.informational && a.informational !== 'unsound') continue;
      if (!relevant(`${title} ${body}`, all.includes(pkg))) continue;
      if (CONFIG.exclude.includes(a.id)) continue;
      out.push({
        id: a.id,
        aliases: [...(a.aliases ?? [])].sort(),
        summary: oneLine(title.replace(/`/g, ''), body),
        cwes: [],
        affected: [
          {
            ecosystem: 'crates.io',
            name: a.package,
            req: { patched: meta.versions?.patched ?? [], unaffected: meta.versions?.unaffected ?? [] },
          },
        ],
      });
    }
  }
  return out;
}

function vulndb(repo) {
  const { stdlibImports, keyword, moduleImports } = CONFIG.packages.Go;
  // golang.org/x/crypto is mostly SSH and OpenPGP: keep only its TLS/X.509 packages.
  const tlsImport = (a) =>
    (a.ecosystem_specific?.imports ?? []).some((i) =>
      moduleImports.some((m) => i.path === m || i.path.startsWith(m + '/')),
    );
  const files = new Set();
  for (const imp of stdlibImports) for (const f of repo.grep(`"path": "${imp}"`, 'data/osv')) files.add(f);
  for (const mod of keyword) for (const f of repo.grep(`"name": "${mod}"`, 'data/osv')) files.add(f);
  const out = [];
  for (const text of repo.read([...files].sort()).values()) {
    const osv = JSON.parse(text);
    if (osv.withdrawn || CONFIG.exclude.includes(osv.id)) continue;
    const stdlib = fromOsv(osv, 'Go', (a) => {
      if (a.package.name !== 'stdlib') return false;
      const imports = a.ecosystem_specific?.imports ?? [];
      return imports.some((i) => stdlibImports.includes(i.path));
    });
    const mods = fromOsv(
      osv,
      'Go',
      (a) =>
        keyword.includes(a.package.name) &&
        tlsImport(a) &&
        relevant(`${osv.summary ?? ''} ${osv.details ?? ''}`, false),
    );
    const adv = stdlib ?? mods;
    if (stdlib && mods) adv.affected.push(...mods.affected);
    if (adv) out.push(adv);
  }
  return out;
}

function openssl(repo) {
  const files = repo.list('secjson').filter((f) => /CVE-.*\.json$/.test(f));
  const out = [];
  for (const [file, text] of repo.read(files)) {
    const cve = JSON.parse(text);
    const cna = cve.containers?.cna;
    const id = cve.cveMetadata?.cveId ?? path.basename(file, '.json');
    if (!cna || CONFIG.exclude.includes(id)) continue;
    const ranges = [];
    for (const a of cna.affected ?? []) {
      for (const v of a.versions ?? []) {
        if (v.status !== 'affected' || !/^\d/.test(v.version)) continue;
        ranges.push(v.lessThan ? { introduced: v.version, fixed: v.lessThan } : { introduced: v.version });
      }
    }
    if (!ranges.length) continue;
    const description = cna.descriptions?.find((d) => d.lang?.startsWith('en'))?.value ?? '';
    const cwes = (cna.problemTypes ?? [])
      .flatMap((p) => p.descriptions ?? [])
      .map((d) => Number(String(d.cweId ?? '').replace(/^CWE-/, '')))
      .filter((n) => Number.isFinite(n) && n > 0);
    out.push({
      id,
      aliases: [],
      summary: oneLine(cna.title, description),
      cwes: [...new Set(cwes)],
      affected: [{ ecosystem: 'OpenSSL', name: 'openssl', ranges }],
    });
  }
  return out;
}

function ghsa(dir) {
  const out = [];
  const sources = [];
  const keep = new Set(
    Object.values(CONFIG.packages)
      .flatMap((p) => [...(p.all ?? []), ...(p.keyword ?? [])])
      .map((n) => n.toLowerCase()),
  );
  for (const f of fs
    .readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .sort()) {
    const osv = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
    if (CONFIG.exclude.includes(osv.id)) continue;
    if (!relevant(`${osv.summary ?? ''} ${osv.details ?? ''}`, false)) continue;
    for (const eco of ['npm', 'Maven', 'RubyGems', 'Packagist', 'NuGet']) {
      const adv = fromOsv(osv, eco, (a) => keep.has(a.package.name.toLowerCase()));
      if (adv) out.push(adv);
    }
    if (osv._source) sources.push({ id: osv.id, path: osv._source.path, commit: osv._source.commit });
  }
  return { advisories: out, files: sources };
}

/** Release cycles and their end of life from endoflife.date's product pages (YAML front matter). */
function endOfLife(repo) {
  const out = {};
  const entries = Object.entries(CONFIG.eol);
  const texts = repo.read(entries.map(([, p]) => p));
  for (const [product, file] of entries) {
    const front = /^---\n([\s\S]*?)\n---/.exec(texts.get(file))?.[1];
    if (!front) throw new Error(`endoflife.date: no front matter in ${file}`);
    const doc = YAML.parse(front);
    out[product] = doc.releases.map((r) => {
      const row = { cycle: String(r.releaseCycle), eol: dateOrBool(r.eol) };
      if (r.codename) row.codename = String(r.codename).toLowerCase().split(/\s+/)[0];
      if (r.eoes !== undefined) row.eoes = dateOrBool(r.eoes);
      if (r.lts !== undefined && r.lts !== false) row.lts = true;
      if (r.latest) row.latest = String(r.latest);
      return row;
    });
  }
  return out;
}

function dateOrBool(v) {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'string') return v;
  return Boolean(v);
}

/** OpenSSL's own support dates (release-metadata's data.json: "eol": "08 Apr 2030" or "Nov 2028"). */
function opensslEol(repo) {
  const data = JSON.parse(repo.read(['data.json']).get('data.json'));
  const months = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');
  const rows = [];
  for (const [cycle, r] of Object.entries(data)) {
    const m = /^(?:(\d{1,2}) )?([A-Z][a-z]{2}) (\d{4})$/.exec(String(r.eol ?? '').trim());
    if (!m) continue;
    const month = months.indexOf(m[2]) + 1;
    // A month without a day: the last day of that month.
    const day = m[1] ? Number(m[1]) : new Date(Date.UTC(Number(m[3]), month, 0)).getUTCDate();
    const eol = `${m[3]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    rows.push({ cycle, eol, ...(r.lts ? { lts: true } : {}) });
  }
  return rows.sort((a, b) => cmpCycle(a.cycle, b.cycle));
}

function cmpCycle(a, b) {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++)
    if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

function main() {
  const a = args();
  const repos = {
    pypa: new Repo('pypa/advisory-database', a.pypa),
    rustsec: new Repo('rustsec/advisory-db', a.rustsec),
    vulndb: new Repo('golang/vulndb', a.vulndb),
    openssl: new Repo('openssl/release-metadata', a.openssl),
    eol: new Repo('endoflife-date/endoflife.date', a.eol),
  };
  const g = ghsa(a.ghsa);
  const advisories = sorted([
    ...pypa(repos.pypa),
    ...rustsec(repos.rustsec),
    ...vulndb(repos.vulndb),
    ...openssl(repos.openssl),
    ...g.advisories,
  ]);
  const eol = { openssl: opensslEol(repos.openssl), ...endOfLife(repos.eol) };
  const table = {
    schema: 1,
    built: a.date,
    sources: [...Object.values(repos).map((r) => r.source()), { name: 'github/advisory-database', files: g.files }],
    advisories,
    eol,
  };
  fs.writeFileSync(a.out, JSON.stringify(table) + '\n');
  const packages = new Set(advisories.flatMap((x) => x.affected.map((p) => `${p.ecosystem}:${p.name}`)));
  const byEco = {};
  for (const x of advisories)
    for (const e of new Set(x.affected.map((p) => p.ecosystem))) byEco[e] = (byEco[e] ?? 0) + 1;
  console.log(
    `${path.relative(ROOT, a.out)}: ${advisories.length} advisories on ${packages.size} packages ` +
      `(${Object.entries(byEco)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}), ${fs.statSync(a.out).size} bytes`,
  );
}

main();
