// Reads a source file for linting: refuses binary and oversized files with a reason instead of throwing,
// and decodes every other file: by its BOM (UTF-8, UTF-16), by a declared encoding (Python's PEP 263 cookie,
// Ruby's magic comment), else as UTF-8, else lossily (U+FFFD) with a warning. Every source file is read.
import * as fs from 'fs';

export type ReadFailure = { ok: false; reason: 'binary' | 'too-large' | 'encoding' | 'unreadable'; message: string };

/** How the bytes became text, and whether (and how) the text can be written back. */
export interface Decoding {
  /** What the bytes were decoded as: `utf-8`, `utf-16le`, `utf-16be`, `latin1`, or a WHATWG label. */
  encoding: string;
  /** Where the encoding came from. */
  source: 'default' | 'bom' | 'cookie';
  /** Bytes that were not valid in the encoding became U+FFFD: the text must never be written back. */
  lossy?: true;
  /**
   * The text cannot be encoded back to the same bytes (a multi-byte legacy encoding Node cannot encode,
   * or a decoding that does not round-trip): `--fix` leaves the file alone, saying why.
   */
  notWritable?: string;
  /** What a user should know (always shown, also without --verbose). */
  warning?: string;
}

export type ReadResult =
  | ({
      ok: true;
      text: string;
      bytes: number;
      bom: boolean;
      eol: '\n' | '\r\n';
      untouched?: undefined;
    } & Decoding)
  | ReadFailure;

/**
 * A readable UTF-8 text file that the byte test rejected: it holds none of the engine's tokens, so it
 * was not decoded (nothing in it can be reported). It still passed every check a decoded file passes
 * (size, no NUL byte in the first 8 KB, valid UTF-8), so it counts as a scanned file.
 */
export interface Untouched {
  ok: true;
  untouched: true;
  bytes: number;
}

/** Whether raw bytes hold a token that makes the file worth decoding and linting (see host/prefilter.ts). */
export type ByteTest = (bytes: Uint8Array) => boolean;

/** The default size cap (1 MiB): generated bundles and data files above it are rarely hand-written TLS code. */
export const DEFAULT_MAX_BYTES = 1024 * 1024;

const BINARY_SNIFF_BYTES = 8192;
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The line break the text mostly starts with: CRLF when its first line break is CRLF. */
export function eolOf(text: string): '\n' | '\r\n' {
  const lf = text.indexOf('\n');
  return lf > 0 && text.charCodeAt(lf - 1) === 13 ? '\r\n' : '\n';
}

/** Why the bytes cannot be linted as source (too large, binary), if they can't. */
function refuse(buf: Uint8Array, maxBytes: number): ReadFailure | undefined {
  if (buf.length > maxBytes) {
    return { ok: false, reason: 'too-large', message: `file is ${buf.length} bytes, over the ${maxBytes}-byte cap` };
  }
  const head = buf.subarray(0, Math.min(buf.length, BINARY_SNIFF_BYTES));
  if ((Buffer.isBuffer(head) ? head : Buffer.from(head.buffer, head.byteOffset, head.byteLength)).indexOf(0) >= 0) {
    return { ok: false, reason: 'binary', message: 'binary file (NUL byte in the first 8 KB)' };
  }
  return undefined;
}

/**
 * Like decodeSource, but bytes the test rejects are not decoded: they give `untouched` (or the same
 * failure decodeSource would give, so skip counts do not depend on the test).
 */
export function screenSource(buf: Uint8Array, maxBytes: number, wanted: ByteTest | undefined): ReadResult | Untouched {
  // UTF-16 hides ASCII tokens from a byte test (and is full of NUL bytes): decode it first.
  if (!wanted || utf16Bom(buf)) return decodeSource(buf, maxBytes);
  const refused = refuse(buf, maxBytes);
  if (refused) return refused;
  if (wanted(buf)) return decodeSource(buf, maxBytes);
  // Nothing in it can be reported, whatever its encoding (the tokens are ASCII).
  return { ok: true, untouched: true, bytes: buf.length };
}

function utf16Bom(buf: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return 'utf-16le';
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return 'utf-16be';
  return undefined;
}

/**
 * A PEP 263 encoding declaration (also Ruby's magic comment and Emacs/Vim mode lines): a `#` comment on
 * one of the first two lines matching `coding[:=]\s*([-\w.]+)`. Returns the declared name as written.
 */
export function declaredEncoding(buf: Uint8Array): string | undefined {
  let start = 0;
  for (let line = 0; line < 2 && start < buf.length; line++) {
    let end = start;
    while (end < buf.length && buf[end] !== 0x0a && end - start < 400) end++;
    const text = Buffer.from(buf.buffer, buf.byteOffset + start, end - start).toString('latin1');
    const m = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/.exec(text);
    if (m) return m[1];
    // PEP 263: the second line counts only when the first is a comment or blank.
    if (!/^[ \t\f]*(#.*)?\r?$/.test(text)) return undefined;
    start = end + 1;
  }
  return undefined;
}

/**
 * A Python codec name as the decoder's label: `latin-1` is exact ISO-8859-1 (`latin1`, which Node's
 * Buffer decodes and encodes byte for byte; WHATWG would read it as windows-1252), `cp1252` is
 * `windows-1252`, `utf_8`/`utf8` is `utf-8`; other names go to TextDecoder as they are.
 */
export function encodingLabel(name: string): string {
  const n = name.toLowerCase().replace(/_/g, '-');
  if (/^(utf-?8|u8|utf|utf8-ucs2|utf8-ucs4|utf-8-sig)$/.test(n)) return 'utf-8';
  if (/^(ascii|us-ascii|646)$/.test(n)) return 'utf-8';
  if (/^(latin-?1|iso-?8859-1|iso8859-?1|l1|8859|cp819|iso-ir-100)$/.test(n)) return 'latin1';
  const cp = /^(?:cp|windows-)(125\d)$/.exec(n);
  if (cp) return `windows-${cp[1]}`;
  const iso = /^iso-?8859-?(\d+)$/.exec(n);
  if (iso) return `iso-8859-${iso[1]}`;
  const latin = /^latin-?(\d)$/.exec(n);
  if (latin)
    return (
      { '2': 'iso-8859-2', '3': 'iso-8859-3', '4': 'iso-8859-4', '5': 'iso-8859-9', '6': 'iso-8859-10' }[latin[1]] ?? n
    );
  if (/^(utf-16-?le)$/.test(n)) return 'utf-16le';
  if (/^(utf-16-?be)$/.test(n)) return 'utf-16be';
  if (/^(mac-?roman|macintosh)$/.test(n)) return 'macintosh';
  if (/^(sjis|shift-?jis|s-jis|cp932|ms932|mskanji)$/.test(n)) return 'shift_jis';
  if (/^(euc-?jp|eucjp|ujis)$/.test(n)) return 'euc-jp';
  if (/^(euc-?kr|euckr|cp949|ks-c-5601.*)$/.test(n)) return 'euc-kr';
  if (/^(gb2312|gbk|cp936|ms936)$/.test(n)) return 'gbk';
  if (/^(big5|big5-tw|cp950)$/.test(n)) return 'big5';
  if (/^koi8-?r$/.test(n)) return 'koi8-r';
  if (/^koi8-?u$/.test(n)) return 'koi8-u';
  return n;
}

/**
 * windows-1252's 0x80–0x9F (the WHATWG index; the other bytes are ISO-8859-1). Node's TextDecoder
 * decodes "windows-1252" as ISO-8859-1, so this one table is ours.
 */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decodeCp1252(buf: Uint8Array): string {
  let out = '';
  for (let i = 0; i < buf.length; i += 8192) {
    const chunk = buf.subarray(i, i + 8192);
    out += String.fromCharCode(
      ...Array.from(chunk, (b) => (b >= 0x80 && b < 0xa0 ? CP1252_HIGH.charCodeAt(b - 0x80) : b)),
    );
  }
  return out;
}

/** Single-byte encodings TextDecoder knows: encoded back through a table built from decoding each byte. */
const encodeTables = new Map<string, Map<number, number> | null>();

function singleByteTable(label: string): Map<number, number> | null {
  let table = encodeTables.get(label);
  if (table !== undefined) return table;
  table = null;
  try {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    const all = label === 'windows-1252' ? decodeCp1252(bytes) : new TextDecoder(label, { fatal: false }).decode(bytes);
    if (all.length === 256) {
      table = new Map();
      for (let i = 0; i < 256; i++) if (all.charCodeAt(i) !== 0xfffd) table.set(all.charCodeAt(i), i);
    }
  } catch {
    table = null;
  }
  encodeTables.set(label, table);
  return table;
}

/** Text as bytes in `encoding`, or undefined when Node cannot encode it (a multi-byte legacy encoding). */
function encodeAs(text: string, encoding: string): Buffer | undefined {
  if (encoding === 'utf-8') return Buffer.from(text, 'utf8');
  if (encoding === 'latin1') {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0xff) return undefined;
    return Buffer.from(text, 'latin1');
  }
  if (encoding === 'utf-16le') return Buffer.from(text, 'utf16le');
  if (encoding === 'utf-16be') return Buffer.from(text, 'utf16le').swap16();
  const table = singleByteTable(encoding);
  if (!table) return undefined;
  const out = Buffer.allocUnsafe(text.length);
  for (let i = 0; i < text.length; i++) {
    const b = table.get(text.charCodeAt(i));
    if (b === undefined) return undefined;
    out[i] = b;
  }
  return out;
}

/**
 * Decodes bytes the way readSourceFile does (for stdin and editors' buffers): by BOM, else by a declared
 * encoding, else as UTF-8, else lossily with a warning. Only binary and oversized files are refused.
 */
export function decodeSource(buf: Uint8Array, maxBytes = Infinity): ReadResult {
  const utf16 = utf16Bom(buf);
  // UTF-16 is full of NUL bytes: the binary test does not apply to it.
  const refused = utf16 ? (buf.length > maxBytes ? refuse(buf, maxBytes) : undefined) : refuse(buf, maxBytes);
  if (refused) return refused;
  const done = (text: string, bom: boolean, d: Decoding): ReadResult => ({
    ok: true,
    text,
    bytes: buf.length,
    bom,
    eol: eolOf(text),
    ...d,
  });
  if (utf16) {
    const text = new TextDecoder(utf16, { fatal: false, ignoreBOM: true }).decode(buf.subarray(2));
    const lossy = text.includes('\ufffd') && !roundTrips(text, utf16, buf.subarray(2));
    return done(text, true, {
      encoding: utf16,
      source: 'bom',
      ...(lossy ? { lossy: true as const, warning: `decoded lossily: not valid ${utf16.toUpperCase()}` } : {}),
    });
  }
  const bom = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
  const declared = bom ? undefined : declaredEncoding(buf);
  const label = declared ? encodingLabel(declared) : 'utf-8';
  if (label !== 'utf-8' && (label === 'latin1' || isKnownLabel(label))) {
    let text: string;
    if (label === 'latin1') {
      text = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).toString('latin1');
    } else if (label === 'windows-1252') {
      text = decodeCp1252(buf);
    } else {
      try {
        text = new TextDecoder(label, { fatal: true }).decode(buf);
      } catch {
        return done(new TextDecoder(label, { fatal: false }).decode(buf), false, {
          encoding: label,
          source: 'cookie',
          lossy: true,
          warning: `decoded lossily: not valid ${declared} (the encoding the file declares)`,
        });
      }
    }
    return done(text, false, {
      encoding: label,
      source: 'cookie',
      ...(roundTrips(text, label, buf) ? {} : { notWritable: `cannot write ${declared} back byte for byte` }),
    });
  }
  const unknown = declared && label !== 'utf-8' ? `unknown encoding '${declared}' declared; ` : '';
  let text: string;
  try {
    text = decoder.decode(buf);
  } catch {
    text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(buf);
    if (bom) text = text.slice(1);
    return done(text, bom, {
      encoding: 'utf-8',
      source: 'default',
      lossy: true,
      warning: `${unknown}decoded lossily: not valid UTF-8 (invalid bytes read as U+FFFD)`,
    });
  }
  if (bom) text = text.slice(1);
  return done(text, bom, {
    encoding: 'utf-8',
    source: bom ? 'bom' : declared ? 'cookie' : 'default',
    ...(unknown ? { warning: `${unknown}read as UTF-8` } : {}),
  });
}

function isKnownLabel(label: string): boolean {
  try {
    new TextDecoder(label);
    return true;
  } catch {
    return false;
  }
}

function roundTrips(text: string, encoding: string, bytes: Uint8Array): boolean {
  const back = encodeAs(text, encoding);
  return !!back && Buffer.compare(back, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)) === 0;
}

/**
 * Reads a file as UTF-8 source text. Never throws: a file that cannot be linted gives `ok: false` and
 * a reason (binary: a NUL byte in the first 8 KB; too-large: over `maxBytes`; encoding: not valid
 * UTF-8; unreadable: any I/O error). A UTF-8 BOM is stripped from `text` and remembered in `bom`.
 */
export async function readSourceFile(absPath: string, maxBytes?: number): Promise<ReadResult>;
/** With a byte test: a file without any of its tokens comes back `untouched`, not decoded. */
export async function readSourceFile(
  absPath: string,
  maxBytes: number,
  wanted: ByteTest | undefined,
): Promise<ReadResult | Untouched>;
export async function readSourceFile(
  absPath: string,
  maxBytes: number = DEFAULT_MAX_BYTES,
  wanted?: ByteTest,
): Promise<ReadResult | Untouched> {
  let handle: fs.promises.FileHandle | undefined;
  try {
    handle = await fs.promises.open(absPath, 'r');
    const st = await handle.stat();
    if (!st.isFile()) return { ok: false, reason: 'unreadable', message: 'not a regular file' };
    if (st.size > maxBytes) {
      return { ok: false, reason: 'too-large', message: `file is ${st.size} bytes, over the ${maxBytes}-byte cap` };
    }
    // At most one byte over the cap: a file that keeps growing while it is read (a log being written)
    // must not be read without end. (readFile() reads until EOF, however far that moves.)
    let buf = Buffer.allocUnsafe(Math.min(st.size, maxBytes) + 1);
    let len = 0;
    for (;;) {
      if (len === buf.length) {
        if (len > maxBytes) break;
        const bigger = Buffer.allocUnsafe(Math.min(buf.length * 2, maxBytes + 1));
        buf.copy(bigger, 0, 0, len);
        buf = bigger;
      }
      const { bytesRead } = await handle.read(buf, len, buf.length - len, null);
      if (bytesRead === 0) break;
      len += bytesRead;
    }
    return screenSource(buf.subarray(0, len), maxBytes, wanted);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return { ok: false, reason: 'unreadable', message: String(err.message ?? e) };
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** The read buffer of readSourceFileSync, reused from file to file (nothing outside it keeps a view). */
const SCRATCH_START = 256 * 1024;
let scratch = Buffer.allocUnsafe(SCRATCH_START);
/** A scratch buffer grown past this is dropped after use rather than kept for the process's life. */
const SCRATCH_KEEP = 4 * 1024 * 1024;

/**
 * Synchronous variant for the CLI and worker threads: one open, read and close, without the
 * event-loop round trips of the promise API (which left a single-threaded scan mostly idle), into a
 * buffer reused from file to file. With a byte test, see readSourceFile.
 */
export function readSourceFileSync(absPath: string, maxBytes?: number): ReadResult;
export function readSourceFileSync(
  absPath: string,
  maxBytes: number,
  wanted: ByteTest | undefined,
): ReadResult | Untouched;
export function readSourceFileSync(
  absPath: string,
  maxBytes: number = DEFAULT_MAX_BYTES,
  wanted?: ByteTest,
): ReadResult | Untouched {
  let fd: number | undefined;
  try {
    // No fstat (it builds four Date objects per file): read to EOF within the cap instead. Non-blocking,
    // so a FIFO put in a file's place fails at once; a folder fails with EISDIR.
    fd = fs.openSync(absPath, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    // At most one byte over the cap, so a file growing while it is read (a log) cannot be read without end.
    const limit = maxBytes + 1;
    let buf = scratch;
    let len = 0;
    while (len < limit) {
      if (len === buf.length) {
        const bigger = Buffer.allocUnsafe(Math.min(buf.length * 2, limit));
        buf.copy(bigger, 0, 0, len);
        buf = bigger;
      }
      const n = fs.readSync(fd, buf, len, Math.min(buf.length, limit) - len, null);
      if (n === 0) break;
      len += n;
    }
    scratch = buf.length > SCRATCH_KEEP ? Buffer.allocUnsafe(SCRATCH_START) : buf;
    if (len > maxBytes) {
      const size = fs.fstatSync(fd).size;
      return {
        ok: false,
        reason: 'too-large',
        message: `file is ${Math.max(size, len)} bytes, over the ${maxBytes}-byte cap`,
      };
    }
    // Decoding copies into a JS string: the result keeps no view of the buffer.
    return screenSource(buf.subarray(0, len), maxBytes, wanted);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err?.code === 'EISDIR' || err?.code === 'EAGAIN')
      return { ok: false, reason: 'unreadable', message: 'not a regular file' };
    return { ok: false, reason: 'unreadable', message: String(err.message ?? e) };
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Encodes text for writing back: in the encoding it was read with, with the BOM it was read with.
 * Throws for text the encoding cannot hold (callers check `lossy` and `notWritable` first).
 */
export function encodeSource(text: string, bom: boolean, encoding = 'utf-8'): Buffer {
  if (encoding === 'utf-8') return Buffer.from(bom ? '\ufeff' + text : text, 'utf8');
  const body = encodeAs(bom ? '\ufeff' + text : text, encoding);
  if (!body) throw new Error(`the fixed text cannot be written as ${encoding}`);
  return body;
}

/** Why a decoded file must not be written back by --fix, if it must not. */
export function notWritableReason(read: Decoding): string | undefined {
  if (read.lossy) return 'lossy decode (invalid bytes were read as U+FFFD)';
  return read.notWritable;
}
