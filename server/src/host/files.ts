// Reads a source file for linting: refuses binary, oversized and non-UTF-8 files with a reason instead of throwing.
import { isUtf8 } from 'buffer';
import * as fs from 'fs';

export type ReadFailure = { ok: false; reason: 'binary' | 'too-large' | 'encoding' | 'unreadable'; message: string };

export type ReadResult =
  { ok: true; text: string; bytes: number; bom: boolean; eol: '\n' | '\r\n'; untouched?: undefined } | ReadFailure;

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

/** Whether raw bytes hold a token that makes the file worth decoding and linting (see node/prefilter). */
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

const NOT_UTF8: ReadFailure = { ok: false, reason: 'encoding', message: 'not valid UTF-8' };

/**
 * Like decodeSource, but bytes the test rejects are not decoded: they give `untouched` (or the same
 * failure decodeSource would give, so skip counts do not depend on the test).
 */
export function screenSource(buf: Uint8Array, maxBytes: number, wanted: ByteTest | undefined): ReadResult | Untouched {
  if (!wanted) return decodeSource(buf, maxBytes);
  const refused = refuse(buf, maxBytes);
  if (refused) return refused;
  if (wanted(buf)) return decodeSource(buf, maxBytes);
  return isUtf8(buf) ? { ok: true, untouched: true, bytes: buf.length } : { ...NOT_UTF8 };
}

/** Decodes bytes the way readSourceFile does (for stdin and editors' buffers). */
export function decodeSource(buf: Uint8Array, maxBytes = Infinity): ReadResult {
  const refused = refuse(buf, maxBytes);
  if (refused) return refused;
  let text: string;
  try {
    text = decoder.decode(buf);
  } catch {
    return { ...NOT_UTF8 };
  }
  const bom = text.charCodeAt(0) === 0xfeff;
  if (bom) text = text.slice(1);
  return { ok: true, text, bytes: buf.length, bom, eol: eolOf(text) };
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

/** Encodes text for writing back: the BOM it was read with, UTF-8. */
export function encodeSource(text: string, bom: boolean): Buffer {
  return Buffer.from(bom ? '\ufeff' + text : text, 'utf8');
}
