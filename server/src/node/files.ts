// Reads a source file for linting: refuses binary, oversized and non-UTF-8 files with a reason instead of throwing.
import * as fs from 'fs';

export type ReadResult =
  | { ok: true; text: string; bytes: number; bom: boolean; eol: '\n' | '\r\n' }
  | { ok: false; reason: 'binary' | 'too-large' | 'encoding' | 'unreadable'; message: string };

/** The default size cap (1 MiB): generated bundles and data files above it are rarely hand-written TLS code. */
export const DEFAULT_MAX_BYTES = 1024 * 1024;

const BINARY_SNIFF_BYTES = 8192;
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The line break the text mostly starts with: CRLF when its first line break is CRLF. */
export function eolOf(text: string): '\n' | '\r\n' {
  const lf = text.indexOf('\n');
  return lf > 0 && text.charCodeAt(lf - 1) === 13 ? '\r\n' : '\n';
}

/** Decodes bytes the way readSourceFile does (for stdin and editors' buffers). */
export function decodeSource(buf: Uint8Array, maxBytes = Infinity): ReadResult {
  if (buf.length > maxBytes) {
    return { ok: false, reason: 'too-large', message: `file is ${buf.length} bytes, over the ${maxBytes}-byte cap` };
  }
  const sniff = Math.min(buf.length, BINARY_SNIFF_BYTES);
  for (let i = 0; i < sniff; i++) {
    if (buf[i] === 0) return { ok: false, reason: 'binary', message: 'binary file (NUL byte in the first 8 KB)' };
  }
  let text: string;
  try {
    text = decoder.decode(buf);
  } catch {
    return { ok: false, reason: 'encoding', message: 'not valid UTF-8' };
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
export async function readSourceFile(absPath: string, maxBytes: number = DEFAULT_MAX_BYTES): Promise<ReadResult> {
  let handle: fs.promises.FileHandle | undefined;
  try {
    handle = await fs.promises.open(absPath, 'r');
    const st = await handle.stat();
    if (!st.isFile()) return { ok: false, reason: 'unreadable', message: 'not a regular file' };
    if (st.size > maxBytes) {
      return { ok: false, reason: 'too-large', message: `file is ${st.size} bytes, over the ${maxBytes}-byte cap` };
    }
    const buf = await handle.readFile();
    return decodeSource(buf, maxBytes);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return { ok: false, reason: 'unreadable', message: String(err.message ?? e) };
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/**
 * Synchronous variant for the CLI and worker threads: one open, fstat, read and close, without the
 * event-loop round trips of the promise API (which left a single-threaded scan mostly idle).
 */
export function readSourceFileSync(absPath: string, maxBytes: number = DEFAULT_MAX_BYTES): ReadResult {
  let fd: number | undefined;
  try {
    fd = fs.openSync(absPath, 'r');
    const st = fs.fstatSync(fd);
    if (!st.isFile()) return { ok: false, reason: 'unreadable', message: 'not a regular file' };
    if (st.size > maxBytes) {
      return { ok: false, reason: 'too-large', message: `file is ${st.size} bytes, over the ${maxBytes}-byte cap` };
    }
    // The size may change while we read; read until EOF, within the cap.
    let buf = Buffer.allocUnsafe(Math.max(st.size, 1));
    let len = 0;
    for (;;) {
      if (len === buf.length) {
        if (len > maxBytes) break;
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, len);
        buf = bigger;
      }
      const n = fs.readSync(fd, buf, len, buf.length - len, null);
      if (n === 0) break;
      len += n;
    }
    return decodeSource(buf.subarray(0, len), maxBytes);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return { ok: false, reason: 'unreadable', message: String(err.message ?? e) };
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Encodes text for writing back: the BOM it was read with, UTF-8. */
export function encodeSource(text: string, bom: boolean): Buffer {
  return Buffer.from(bom ? '\ufeff' + text : text, 'utf8');
}
