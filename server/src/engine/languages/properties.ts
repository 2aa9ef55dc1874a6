// Java `.properties` files (Spring Boot's `application*.properties`, Kafka's `server.properties`,
// `client-ssl.properties`, ...), read line by line the way `java.util.Properties.load` reads them: `key=value`,
// `key: value` or `key value`; `#` and `!` comments; a `\` at the end of a line continues the value on the
// next line (its leading blanks dropped); `\=`, `\:`, `\ `, `\t`, `\n`, `\uXXXX` escapes. No grammar, no tree:
// every text is a property or a comment, so nothing is a syntax error.
import type { SourceFile } from '../types';

/** One property: its key and value unescaped, and where each is written. */
export interface PropertyEntry {
  key: string;
  value: string;
  /** The key's offsets. */
  keyStart: number;
  keyEnd: number;
  /** The value's offsets as written (escapes and continuations included; trailing blanks excluded). */
  valueStart: number;
  valueEnd: number;
  /** The logical line's start and end (its last physical line's end, newline excluded). */
  start: number;
  end: number;
}

const UNESCAPE: Record<string, string> = { t: '\t', n: '\n', r: '\r', f: '\f' };

/** The text of an escaped key or value (`\=` → `=`, `\u0041` → `A`, a continuation's `\` + newline + blanks → nothing). */
function unescape(raw: string): string {
  return raw.replace(/\\(?:\r\n|\r|\n)[ \t\f]*|\\u([0-9a-fA-F]{4})|\\(.)|\\$/g, (_m, hex: string, ch: string) => {
    if (hex) return String.fromCharCode(parseInt(hex, 16));
    if (ch !== undefined) return UNESCAPE[ch] ?? ch;
    return '';
  });
}

/** Whether the line ending at `end` (exclusive) ends with an odd number of backslashes: it continues. */
function continues(text: string, end: number): boolean {
  let n = 0;
  for (let i = end - 1; i >= 0 && text[i] === '\\'; i--) n++;
  return n % 2 === 1;
}

/** Parses a `.properties` text into its properties, in document order; never throws. */
export function parseProperties(text: string): PropertyEntry[] {
  const out: PropertyEntry[] = [];
  let pos = 0;
  const n = text.length;
  while (pos < n) {
    // One logical line: physical lines joined while one ends with an unescaped backslash.
    let lineEnd = text.indexOf('\n', pos);
    if (lineEnd < 0) lineEnd = n;
    const first = lineEnd > pos && text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd;
    let i = pos;
    while (i < first && (text[i] === ' ' || text[i] === '\t' || text[i] === '\f')) i++;
    // A comment or a blank line: no continuation, whatever it ends with.
    if (i >= first || text[i] === '#' || text[i] === '!') {
      pos = lineEnd + 1;
      continue;
    }
    let end = first;
    let next = lineEnd + 1;
    while (continues(text, end) && next <= n && end < n) {
      let e = text.indexOf('\n', next);
      if (e < 0) e = n;
      end = e > next && text[e - 1] === '\r' ? e - 1 : e;
      next = e + 1;
    }
    // The key: up to the first unescaped `=`, `:` or blank.
    const keyStart = i;
    while (i < end) {
      const c = text[i];
      if (c === '\\') {
        i += 2;
        continue;
      }
      if (c === '=' || c === ':' || c === ' ' || c === '\t' || c === '\f') break;
      i++;
    }
    const keyEnd = Math.min(i, end);
    // The separator: blanks, at most one `=` or `:`, blanks.
    while (i < end && (text[i] === ' ' || text[i] === '\t' || text[i] === '\f')) i++;
    if (i < end && (text[i] === '=' || text[i] === ':')) i++;
    while (i < end && (text[i] === ' ' || text[i] === '\t' || text[i] === '\f')) i++;
    let valueEnd = end;
    // Trailing blanks are part of the value in Java, but never of what a fix replaces.
    while (
      valueEnd > i &&
      (text[valueEnd - 1] === ' ' || text[valueEnd - 1] === '\t') &&
      !continues(text, valueEnd - 1)
    )
      valueEnd--;
    out.push({
      key: unescape(text.slice(keyStart, keyEnd)),
      value: unescape(text.slice(i, end)),
      keyStart,
      keyEnd,
      valueStart: i,
      valueEnd,
      start: keyStart,
      end,
    });
    pos = next;
  }
  return out;
}

/** The file's properties, parsed once per file and shared by its detectors. */
export function propertyEntries(file: SourceFile): PropertyEntry[] {
  return file.memo('properties', () => parseProperties(file.text));
}
