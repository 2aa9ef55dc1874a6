// Other projects' labelled test suites (issue 10, "How to measure"): a second measure beside the real-code
// development set. It prints precision and recall per suite and per language; it is never a timed or
// pass/fail test.
//
// Data (bench/suites/<suite>.json), one file per suite:
//   { suite, repo: "owner/name", commit: "<40-hex>", kind, why, ... }
// kind "annotations" (semgrep-rules): test files beside the rules' YAML carry `ruleid: <id>` / `ok: <id>`
//   (and `todoruleid` / `todook`, what the suite wants but its own tool does not do yet) on the line
//   before the flagged line, or at the end of it. `map` says which suite ids are TLS concerns and which
//   tlslint rules answer them; `outOfScope` lists the other TLS-sounding ids and why they are not ours.
// kind "samples" (gosec): Go programs held in string literals of a Go file, each with the number of
//   issues expected; scored per sample by count (`rules`: the tlslint rules that answer the suite's rule).
// kind "lines" (Bandit): the suite's expectations are counts per example file, so the lines are labelled
//   here by hand (`labels`), checked against those counts (see each file's `why`).
// `overrides` (every kind): hand-made labels where the suite's label disagrees with rules.md, or where the
//   suite does not label a TLS concern it contains: { path, line, rule | null, why } (for samples:
//   { sample, expect, why }). A line-level override replaces the suite's labels on that line, or with
//   `add: true` labels a second rule there.
//
// A label covers the flagged line and the rest of its statement (the suite's tools report the start of a
// match, tlslint the smallest offending construct, which may sit lines further down): from the labelled
// line to the next blank line, annotation, or line indented less than it, at most 25 lines. A finding of
// one of the label's rules inside a positive span is a true positive (once per label); a finding inside a
// negative span, or outside every span, is a false positive; a positive with no finding is missed.
//
// Each suite's git dir is a mirror the search tool's `fetch` brings (/work/.mirror/<owner+name>/repo;
// TLSLINT_REALWORLD_MIRRORS overrides the root); a missing mirror or commit is skipped with a note. Only
// the labelled files are read out, blob by blob, into bench/corpus/suites/<suite>/ (git-ignored), and
// scanned with the built CLI, `--format json`, default settings.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { UNSCORED_RULES, mirrorOf, printTable, ratio, readObjects, scanJson } from './lib.mjs';

const MAX_SPAN = 25;

const LANGUAGES = {
  '.py': 'python',
  '.js': 'javascript',
  '.jsx': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
  '.ts': 'javascript',
  '.tsx': 'javascript',
  '.go': 'go',
  '.java': 'java',
  '.kt': 'kotlin',
  '.cs': 'csharp',
  '.rb': 'ruby',
  '.php': 'php',
  '.rs': 'rust',
  '.c': 'c',
  '.cpp': 'c',
  '.h': 'c',
  '.sh': 'shell',
  '.yaml': 'yaml',
  '.yml': 'yaml',
  '.conf': 'conf',
};

function languageOf(path) {
  return LANGUAGES[extname(path)] ?? 'other';
}

/** Reads `paths` at `commit` (blob by blob; absent blobs are skipped). Returns Map path -> text. */
function readBlobs(gitDir, commit, paths) {
  const blobs = readObjects(
    gitDir,
    paths.map((p) => `${commit}:${p}`),
  );
  const texts = new Map();
  paths.forEach((p, i) => {
    if (blobs[i]) texts.set(p, blobs[i].toString('utf8'));
  });
  return texts;
}

const ANNOTATION = /\b(todoruleid|ruleid|todook|ok)\s*:\s*([-\w.]+(?:\s*,\s*[-\w.]+)*)/;
const COMMENT_ONLY = /^\s*(#|\/\/|\/\*|\*|--|;|<!--)/;

function indentOf(line) {
  return /^\s*/.exec(line)[0].replace(/\t/g, '    ').length;
}

/** The 1-based line range a label on `line` covers (see the header). */
function spanOf(lines, line) {
  const start = lines[line - 1] ?? '';
  const indent = indentOf(start);
  // Brackets the statement opened and has not closed yet: a blank line inside them (between the methods
  // of `new X509TrustManager() { ... }`) does not end it.
  const balance = (text) => (text.match(/[([{]/g) ?? []).length - (text.match(/[)\]}]/g) ?? []).length;
  let open = balance(start);
  let end = line;
  for (let n = line + 1; n <= lines.length && n < line + MAX_SPAN; n++) {
    const text = lines[n - 1];
    if (ANNOTATION.test(text) || (text.trim() === '' && open <= 0)) break;
    open += balance(text);
    if (text.trim() === '') continue;
    if (indentOf(text) < indent) {
      if (/^\s*[)\]}]/.test(text)) end = n;
      break;
    }
    end = n;
  }
  return [line, end];
}

/** Parses semgrep-style annotations: [{ line, kind, ids }] with the line they apply to. */
function annotationsOf(text) {
  const lines = text.split('\n');
  const out = [];
  for (let i = 0; i < lines.length; i++) {
    const m = ANNOTATION.exec(lines[i]);
    if (!m) continue;
    // Only a comment's annotation counts (not "ok:" in code or prose).
    const before = lines[i].slice(0, m.index);
    if (!/(#|\/\/|\/\*|--|;|<!--|\*)\s*$/.test(before)) continue;
    let target = i + 1;
    if (COMMENT_ONLY.test(lines[i]) || before.trim() === '') {
      // The next line that is not itself an annotation.
      let j = i + 1;
      while (j < lines.length && ANNOTATION.test(lines[j]) && COMMENT_ONLY.test(lines[j])) j++;
      target = j + 1;
    }
    const ids = m[2].split(',').map((s) => s.trim());
    out.push({ line: target, positive: m[1] === 'ruleid' || m[1] === 'todoruleid', ids });
  }
  return { lines, annotations: out };
}

/** Builds the cases of an "annotations" suite: files and line labels. */
function annotationCases(data, gitDir) {
  const ids = Object.keys(data.map);
  const pattern = `(ruleid|ok)[[:space:]]*:.*(${ids.map((i) => i.replace(/[.]/g, '\\.')).join('|')})`;
  const r = spawnSync('git', ['--git-dir', gitDir, 'grep', '-l', '-E', pattern, data.commit], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const paths = r.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => l.slice(data.commit.length + 1))
    .filter((p) => !/\.fixed\.[^/]+$/.test(p) && !(/\.ya?ml$/.test(p) && !/\.test\.ya?ml$/.test(p)));
  const texts = readBlobs(gitDir, data.commit, paths);
  const files = [];
  for (const [path, text] of texts) {
    const { lines, annotations } = annotationsOf(text);
    const labels = [];
    for (const a of annotations) {
      const mapped = a.ids.filter((id) => data.map[id]);
      if (mapped.length === 0) continue;
      const rules = [...new Set(mapped.flatMap((id) => data.map[id].rules))];
      labels.push({ path, line: a.line, rules: a.positive ? rules : null, about: rules, source: mapped.join(',') });
    }
    if (labels.length) files.push({ path, text, lines, labels });
  }
  return files;
}

/** Builds the cases of a "lines" suite: the named files with hand-made labels. */
function lineCases(data, gitDir) {
  const paths = [...new Set(data.labels.map((l) => l.path))];
  const texts = readBlobs(gitDir, data.commit, paths);
  return [...texts].map(([path, text]) => ({
    path,
    text,
    lines: text.split('\n'),
    labels: data.labels
      .filter((l) => l.path === path)
      .map((l) => ({
        path,
        line: l.line,
        rules: l.rule === null ? null : [l.rule],
        about: l.rule === null ? (l.about ?? []) : [l.rule],
        source: l.suiteId ?? '',
      })),
  }));
}

/** Builds the cases of a "samples" suite: one folder per sample, expected issue counts. */
function sampleCases(data, gitDir) {
  const texts = readBlobs(gitDir, data.commit, data.files);
  const samples = [];
  for (const [path, text] of texts) {
    for (const variable of data.variables) {
      const at = text.indexOf(`var ${variable} = `);
      if (at < 0) continue;
      const body = text.slice(at, bodyEnd(text, text.indexOf('{', at)));
      // Each sample: {[]string{`...`, `...`}, N, gosec.NewConfig()}
      const re = /\{\s*\[\]string\s*\{((?:\s*`[^`]*`\s*,?)+)\s*\}\s*,\s*(\d+)\s*,/g;
      let m;
      while ((m = re.exec(body))) {
        const sources = [...m[1].matchAll(/`([^`]*)`/g)].map((s) => s[1]);
        samples.push({ id: `${variable}[${samples.length}]`, from: path, sources, expect: Number(m[2]) });
      }
    }
  }
  return samples;
}

/** The offset after the brace matching the one at `open`, skipping Go strings (raw ones hold the samples). */
function bodyEnd(text, open) {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '`') i = text.indexOf('`', i + 1);
    else if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '/' && text[i + 1] === '/') i = text.indexOf('\n', i);
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i + 1;
    if (i < 0) break;
  }
  return text.length;
}

function scan(cli, dir) {
  return scanJson(cli, dir).findings.filter((f) => !UNSCORED_RULES.has(f.rule));
}

/** Scores line-labelled files; returns per-language tallies and the lists. */
function scoreLines(files, findings) {
  const byPath = new Map();
  for (const f of findings) {
    if (!byPath.has(f.path)) byPath.set(f.path, []);
    byPath.get(f.path).push(f);
  }
  const rows = [];
  for (const file of files) {
    const lang = languageOf(file.path);
    const labels = file.labels.map((l) => ({ ...l, span: spanOf(file.lines, l.line), hit: false }));
    // A suite's file tests its own concern: findings of other tlslint rules there are listed, not scored.
    const concern = new Set(labels.flatMap((l) => l.about));
    for (const f of byPath.get(file.path) ?? []) {
      if (!concern.has(f.rule)) {
        rows.push({ lang, kind: 'other', f });
        continue;
      }
      const inSpan = labels.filter((l) => f.line >= l.span[0] && f.line <= l.span[1]);
      const fits = inSpan.filter((l) => l.rules && l.rules.includes(f.rule));
      const match = fits.find((l) => !l.hit) ?? fits[0];
      if (match) {
        if (match.hit) rows.push({ lang, kind: 'duplicate', f });
        else {
          match.hit = true;
          rows.push({ lang, kind: 'tp', f });
        }
      } else rows.push({ lang, kind: 'fp', f, label: inSpan[0] });
    }
    for (const l of labels) if (l.rules && !l.hit) rows.push({ lang, kind: 'missed', l });
    for (const l of labels) if (l.rules) rows.push({ lang, kind: 'positive', l });
  }
  return rows;
}

/** Applies line overrides: they replace the suite's labels on their line. */
function applyOverrides(files, overrides = []) {
  for (const o of overrides) {
    const file = files.find((f) => f.path === o.path);
    if (!file) {
      console.log(`warning: override for ${o.path}:${o.line} names no labelled file`);
      continue;
    }
    const replaced = file.labels.filter((l) => l.line === o.line);
    if (!o.add) file.labels = file.labels.filter((l) => l.line !== o.line);
    const about = o.rule === null ? replaced.flatMap((l) => l.about) : [o.rule];
    file.labels.push({
      path: o.path,
      line: o.line,
      rules: o.rule === null ? null : [o.rule],
      about,
      source: 'override',
    });
  }
}

/** Runs every suite (or those named in `filter`); prints figures, returns a summary. */
export function suitesBench({ root, cli, filter = [], verbose = false }) {
  const dir = join(root, 'bench', 'suites');
  const mirrors = process.env.TLSLINT_REALWORLD_MIRRORS ?? '/work/.mirror';
  const corpus = join(root, 'bench', 'corpus', 'suites');
  const suites = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')))
    .filter((s) => filter.length === 0 || filter.includes(s.suite));
  console.log(`\n## Other projects' labelled suites: ${suites.length} (mirrors: ${mirrors})\n`);
  const notes = [];
  const all = [];
  for (const data of suites) {
    const gitDir = mirrorOf(mirrors, data.repo);
    if (!gitDir) {
      notes.push(`skipped ${data.suite}: no mirror (fetch github:${data.repo})`);
      continue;
    }
    if (spawnSync('git', ['--git-dir', gitDir, 'cat-file', '-e', `${data.commit}^{commit}`]).status !== 0) {
      notes.push(`skipped ${data.suite}: commit ${data.commit} is not in ${gitDir}`);
      continue;
    }
    const dest = join(corpus, data.suite);
    rmSync(dest, { recursive: true, force: true });
    mkdirSync(dest, { recursive: true });
    let rows;
    try {
      if (data.kind === 'samples') {
        const samples = sampleCases(data, gitDir);
        const expectOf = new Map((data.overrides ?? []).map((o) => [o.sample, o]));
        samples.forEach((s, i) => {
          s.dir = `sample_${String(i).padStart(3, '0')}`;
          s.sources.forEach((src, k) => {
            const file = join(dest, s.dir, `file${k}.go`);
            mkdirSync(dirname(file), { recursive: true });
            writeFileSync(file, src);
          });
          if (expectOf.has(s.id)) s.expect = expectOf.get(s.id).expect;
        });
        const findings = scan(cli, dest).filter((f) => data.rules.includes(f.rule));
        rows = [];
        for (const s of samples) {
          const found = findings.filter((f) => f.path.startsWith(`${s.dir}/`));
          const lang = 'go';
          const tp = Math.min(found.length, s.expect);
          for (let k = 0; k < s.expect; k++) rows.push({ lang, kind: 'positive', l: { path: s.dir, line: 0 } });
          found.forEach((f, k) => rows.push({ lang, kind: k < s.expect ? 'tp' : 'fp', f, sample: s }));
          for (let k = tp; k < s.expect; k++)
            rows.push({ lang, kind: 'missed', l: { path: `${s.dir} (${s.id})`, line: 0, source: firstLine(s) } });
        }
      } else {
        const files = data.kind === 'annotations' ? annotationCases(data, gitDir) : lineCases(data, gitDir);
        applyOverrides(files, data.kind === 'annotations' ? data.overrides : []);
        for (const f of files) {
          const file = join(dest, f.path);
          mkdirSync(dirname(file), { recursive: true });
          writeFileSync(file, f.text);
        }
        rows = scoreLines(files, scan(cli, dest));
      }
    } catch (e) {
      notes.push(`failed ${data.suite}: ${e.message}`);
      continue;
    }
    for (const r of rows) all.push({ suite: data.suite, ...r });
  }
  const tally = (rows) => {
    const n = (k) => rows.filter((r) => r.kind === k).length;
    const tp = n('tp');
    const fp = n('fp');
    const positives = n('positive');
    const missed = n('missed');
    return { tp, fp, missed, positives, precision: ratio(tp, tp + fp), recall: ratio(positives - missed, positives) };
  };
  const table = [];
  const groups = (key) => [...new Set(all.map((r) => r[key]))].sort();
  for (const suite of groups('suite')) {
    for (const lang of groups('lang')) {
      const rows = all.filter((r) => r.suite === suite && r.lang === lang);
      if (rows.length) table.push({ suite, language: lang, ...tally(rows) });
    }
  }
  for (const lang of groups('lang'))
    table.push({ suite: 'all', language: lang, ...tally(all.filter((r) => r.lang === lang)) });
  table.push({ suite: 'all', language: 'all', ...tally(all) });
  if (all.length) printTable(table);
  for (const n of notes) console.log(n);
  console.log(
    '\nA label covers its line and the rest of its statement; findings of rules a file does not test are not scored ("other" with --verbose); see bench/suites.mjs.',
  );
  const describe = (r) =>
    r.f
      ? `${r.f.path}:${r.f.line} ${r.f.rule} (${r.f.detector}): ${r.f.message}${r.label ? ` [labelled ${r.label.rules ? r.label.rules.join('|') : 'ok'} by ${r.label.source}]` : ''}`
      : `${r.l.path}:${r.l.line} ${r.l.rules ? r.l.rules.join('|') : ''} [${r.l.source ?? ''}]`;
  if (verbose) {
    for (const suite of groups('suite')) {
      const lines = all
        .filter((r) => r.suite === suite && (r.kind === 'missed' || r.kind === 'fp' || r.kind === 'other'))
        .sort((a, b) => (a.kind === 'other') - (b.kind === 'other'))
        .map(
          (r) =>
            `  ${{ missed: 'missed ', fp: 'false +', other: 'other  ' }[r.kind]} ${r.lang.padEnd(10)} ${describe(r)}`,
        );
      if (lines.length) console.log(`\n${suite}:\n${lines.join('\n')}`);
    }
  }
  return { table, notes };
}

function firstLine(sample) {
  return (
    sample.sources[0]
      .split('\n')
      .find((l) => l.trim().startsWith('//'))
      ?.trim() ?? ''
  );
}
