// A small tokenizer of our own for server configuration files that have no tree-sitter grammar on npm:
// nginx (`name args;` and `name args { ... }` blocks), Apache httpd (one directive a line, `\`
// continuations, `<Section>` tags) and HAProxy (one directive a line in sections). It knows comments
// and quoting, which is all the detectors need to tell a directive from text in a comment or a string.
import type { SourceFile } from '../types';
import { LEGACY_DOTTED } from '../protocols';
import { analyzeCipherString, type WeakReason } from '../ciphers';

export interface ConfToken {
  /** The value with quotes and escapes removed. */
  value: string;
  start: number;
  end: number;
  quoted: boolean;
}

export interface ConfDirective {
  name: string;
  nameToken: ConfToken;
  args: ConfToken[];
  /** From the name to the terminator (`;`, `{`, end of line). */
  start: number;
  end: number;
  /** Names of the enclosing blocks or sections, outermost first (`http`, `server`; `VirtualHost`; `backend`). */
  blocks: string[];
  /** For nginx blocks: the index of the directive that opened the block this one is in, or -1. */
  parent: number;
  /** Whether this directive opens a block (nginx `{`, Apache `<Tag>`). */
  opensBlock: boolean;
}

export interface ConfModel {
  directives: ConfDirective[];
  /** Syntax problems found: unterminated quotes, unbalanced braces or sections. */
  errors: number;
}

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === '\f' || c === '\v';
}

/** nginx: tokens, `;` ends a directive, `{` `}` blocks, `#` comments, quotes with backslash escapes. */
export function parseNginx(text: string): ConfModel {
  const directives: ConfDirective[] = [];
  const stack: { name: string; index: number }[] = [];
  let errors = 0;
  let tokens: ConfToken[] = [];
  const flush = (end: number, opens: boolean) => {
    if (tokens.length === 0) {
      if (opens) stack.push({ name: '', index: -1 });
      return;
    }
    const [nameToken, ...args] = tokens;
    directives.push({
      name: nameToken.value,
      nameToken,
      args,
      start: nameToken.start,
      end,
      opensBlock: opens,
      blocks: stack.map((s) => s.name),
      parent: stack.length ? stack[stack.length - 1].index : -1,
    });
    if (opens) stack.push({ name: nameToken.value, index: directives.length - 1 });
    tokens = [];
  };
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (c === ';') {
      flush(i + 1, false);
      i++;
      continue;
    }
    if (c === '{') {
      flush(i + 1, true);
      i++;
      continue;
    }
    if (c === '}') {
      if (tokens.length) {
        errors++;
        tokens = [];
      }
      if (stack.length) stack.pop();
      else errors++;
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      const start = i;
      let value = '';
      i++;
      while (i < n && text[i] !== c) {
        if (text[i] === '\\' && i + 1 < n) {
          value += text[i + 1];
          i += 2;
          continue;
        }
        value += text[i++];
      }
      if (i >= n) errors++;
      i++;
      tokens.push({ value, start, end: Math.min(i, n), quoted: true });
      continue;
    }
    const start = i;
    let value = '';
    while (i < n && !isSpace(text[i]) && text[i] !== ';' && text[i] !== '{' && text[i] !== '}') {
      if (text[i] === '\\' && i + 1 < n) {
        value += text[i + 1];
        i += 2;
        continue;
      }
      // `${var}` inside a word does not open a block.
      if (text[i] === '$' && text[i + 1] === '{') {
        const close = text.indexOf('}', i);
        if (close > 0) {
          value += text.slice(i, close + 1);
          i = close + 1;
          continue;
        }
      }
      value += text[i++];
    }
    tokens.push({ value, start, end: i, quoted: false });
  }
  if (tokens.length) errors++;
  errors += stack.length;
  return { directives, errors };
}

/**
 * Line-based files: Apache (`#` only at the start of a line, `\` continues a line, `<Tag args>` and
 * `</Tag>` sections) and HAProxy (`#` anywhere outside quotes, sections by keyword).
 */
export function parseLines(text: string, dialect: 'apache' | 'haproxy'): ConfModel {
  const directives: ConfDirective[] = [];
  const stack: { name: string; index: number }[] = [];
  let errors = 0;
  let section: string | undefined;
  let i = 0;
  const n = text.length;
  while (i < n) {
    // One logical line.
    const tokens: ConfToken[] = [];
    let lineStart = true;
    let lineEnd = i;
    while (i < n) {
      const c = text[i];
      if (c === '\n') {
        i++;
        break;
      }
      // Every space the token loop stops at (a form feed or vertical tab too, or it would loop forever).
      if (isSpace(c)) {
        i++;
        continue;
      }
      if (c === '\\' && (text[i + 1] === '\n' || (text[i + 1] === '\r' && text[i + 2] === '\n'))) {
        i += text[i + 1] === '\r' ? 3 : 2;
        continue;
      }
      if (c === '#' && (dialect === 'haproxy' || lineStart)) {
        while (i < n && text[i] !== '\n') i++;
        continue;
      }
      lineStart = false;
      if (c === '"' || c === "'") {
        const start = i;
        let value = '';
        i++;
        while (i < n && text[i] !== c && text[i] !== '\n') {
          if (text[i] === '\\' && i + 1 < n && text[i + 1] !== '\n') {
            value += text[i + 1];
            i += 2;
            continue;
          }
          value += text[i++];
        }
        if (text[i] !== c) errors++;
        else i++;
        tokens.push({ value, start, end: i, quoted: true });
        lineEnd = i;
        continue;
      }
      const start = i;
      let value = '';
      while (i < n && !isSpace(text[i]) && !(dialect === 'haproxy' && text[i] === '#')) {
        if (text[i] === '\\' && text[i + 1] === '\n') break;
        value += text[i++];
      }
      tokens.push({ value, start, end: i, quoted: false });
      lineEnd = i;
    }
    if (tokens.length === 0) continue;
    const [nameToken, ...args] = tokens;
    let name = nameToken.value;
    if (dialect === 'apache' && name.startsWith('</')) {
      const tag = name.replace(/^<\/|>$/g, '');
      if (stack.length && stack[stack.length - 1].name.toLowerCase() === tag.toLowerCase()) stack.pop();
      else errors++;
      continue;
    }
    let opens = false;
    if (dialect === 'apache' && name.startsWith('<')) {
      name = name.slice(1).replace(/>$/, '');
      opens = true;
      const last = args[args.length - 1];
      if (last && last.value.endsWith('>')) last.value = last.value.slice(0, -1);
    }
    if (
      dialect === 'haproxy' &&
      /^(global|defaults|frontend|backend|listen|peers|resolvers|userlist|program|http-errors|ring|cache|mailers)$/.test(
        name,
      )
    ) {
      section = name;
    }
    directives.push({
      name,
      nameToken,
      args,
      start: nameToken.start,
      end: lineEnd,
      opensBlock: opens,
      blocks: dialect === 'haproxy' ? (section && section !== name ? [section] : []) : stack.map((s) => s.name),
      parent: stack.length ? stack[stack.length - 1].index : -1,
    });
    if (opens) stack.push({ name, index: directives.length - 1 });
  }
  errors += stack.length;
  return { directives, errors };
}

/** The file's directives, tokenized once per lint. */
export function confModel(file: SourceFile): ConfModel {
  return file.memo('conf.model', () =>
    file.language === 'nginx'
      ? parseNginx(file.text)
      : parseLines(file.text, file.language === 'apache' ? 'apache' : 'haproxy'),
  );
}

/** Protocol names below TLS 1.2, in the spellings nginx, Apache and HAProxy use. */
export const LEGACY_PROTOCOLS = new RegExp(
  `^[+-]?(${LEGACY_DOTTED.map((p) => p.replace('.', '\\.')).join('|')})$`,
  'i',
);

/** A cipher-string argument of a server configuration that enables weak suites. */
export interface WeakCipherSetting {
  /** The directive or keyword that takes the string (`ssl_ciphers`, `SSLCipherSuite`, `ciphers`). */
  name: string;
  value: ConfToken;
  reasons: WeakReason[];
}

/**
 * Cipher strings (OpenSSL syntax) in a configuration that enable weak suites: directives whose name
 * `directive` matches take the string as their last argument (Apache's `SSLCipherSuite TLSv1.3 ...` names a
 * protocol first); `keyword`, when given, also finds it as an option inside a line (HAProxy's
 * `bind :443 ssl crt x.pem ciphers RC4-SHA`).
 */
export function weakCipherSettings(file: SourceFile, directive: RegExp, keyword?: string): WeakCipherSetting[] {
  const out: WeakCipherSetting[] = [];
  const check = (name: string, value: ConfToken | undefined) => {
    if (!value || value.value.includes('$')) return; // a variable: its value is set elsewhere
    const { reasons } = analyzeCipherString(value.value);
    if (reasons.length) out.push({ name, value, reasons });
  };
  for (const d of confModel(file).directives) {
    if (directive.test(d.name)) check(d.name, d.args[d.args.length - 1]);
    else if (keyword) {
      const i = d.args.findIndex((a) => a.value === keyword);
      if (i >= 0) check(keyword, d.args[i + 1]);
    }
  }
  return out;
}
