// The stdio transport, made robust against a client that writes malformed frames. vscode-jsonrpc's
// reader stops for good on some of them (a negative Content-Length corrupts its buffer; garbage glued
// to a header loses every later message), so stdin passes through this filter first: it forwards only
// well-formed `Content-Length` frames, drops a bad header block and resynchronizes at the next
// `Content-Length:` header. Invalid JSON inside a well-formed frame is left to the library (it fails
// that message alone).
import { Transform, type TransformCallback } from 'stream';
import { format } from 'util';

/** Bodies over this are refused (a corrupt length would otherwise buffer everything that follows). */
export const MAX_BODY_BYTES = 256 * 1024 * 1024;
/** A header block never gets this long; past it, the bytes are garbage. */
const MAX_HEADER_BYTES = 64 * 1024;
const HEADER_END = Buffer.from('\r\n\r\n', 'latin1');
const EMPTY = Buffer.alloc(0);

/** The body length a header block declares, or a reason it is not a valid block. */
export function parseHeaderBlock(block: string): { length: number } | { error: string } {
  let length: number | undefined;
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) return { error: `malformed header line ${JSON.stringify(line.slice(0, 80))}` };
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (!/^[a-z0-9-]+$/.test(key)) return { error: `malformed header name ${JSON.stringify(key.slice(0, 80))}` };
    if (key === 'content-length') {
      if (!/^\d{1,10}$/.test(value)) return { error: `bad Content-Length ${JSON.stringify(value.slice(0, 40))}` };
      length = Number(value);
      if (length > MAX_BODY_BYTES) return { error: `Content-Length ${length} over the ${MAX_BODY_BYTES}-byte limit` };
    }
  }
  return length === undefined ? { error: 'no Content-Length header' } : { length };
}

/** Where a real header probably starts inside a bad block (after glued garbage), or -1. */
function resyncPoint(block: Buffer): number {
  const at = block.toString('latin1').toLowerCase().lastIndexOf('content-length:');
  return at > 0 ? at : -1;
}

/** Passes well-formed LSP frames through; reports and drops the rest. */
export class FrameFilter extends Transform {
  private buf: Buffer = EMPTY;
  /** The body length of the frame whose header was forwarded, until its body is complete. */
  private body = -1;

  constructor(private readonly report: (problem: string) => void) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    let data: Buffer = chunk;
    for (;;) {
      if (this.body >= 0) {
        // Inside a body: stream it through as it comes (no copy, however large the message).
        if (data.length === 0) break;
        const n = Math.min(this.body, data.length);
        this.push(data.subarray(0, n));
        this.body -= n;
        data = data.subarray(n);
        if (this.body === 0) this.body = -1;
        continue;
      }
      if (data.length) {
        this.buf = this.buf.length ? Buffer.concat([this.buf, data]) : data;
        data = EMPTY;
      }
      const end = this.buf.indexOf(HEADER_END);
      if (end < 0) {
        if (this.buf.length > MAX_HEADER_BYTES) {
          // Garbage without any header end: keep only what may start a real header.
          const at = resyncPoint(this.buf);
          this.report(`dropped ${at > 0 ? at : this.buf.length} bytes of input that are no LSP header`);
          this.buf = at > 0 ? this.buf.subarray(at) : EMPTY;
        }
        break;
      }
      const block = this.buf.subarray(0, end);
      const parsed = parseHeaderBlock(block.toString('latin1'));
      if ('error' in parsed) {
        const at = resyncPoint(block);
        this.report(`dropped a malformed message header (${parsed.error})`);
        this.buf = this.buf.subarray(at > 0 ? at : end + HEADER_END.length);
        continue;
      }
      this.push(this.buf.subarray(0, end + HEADER_END.length));
      data = this.buf.subarray(end + HEADER_END.length);
      this.buf = EMPTY;
      this.body = parsed.length > 0 ? parsed.length : -1;
    }
    // Keep a private copy of a partial header, so the stream's chunk can be released.
    if (this.buf.length && this.buf.buffer === chunk.buffer) this.buf = Buffer.from(this.buf);
    callback();
  }
}

/**
 * Routes `console` output to the client's log: on stdio, anything a library printed to stdout would
 * corrupt the protocol. (vscode-languageserver does the same for the stdin it reads itself.)
 */
export function consoleToClient(remote: {
  log(m: string): void;
  info(m: string): void;
  warn(m: string): void;
  error(m: string): void;
}): void {
  const c = globalThis.console;
  c.log = (...args: unknown[]) => remote.log(format(...args));
  c.info = (...args: unknown[]) => remote.info(format(...args));
  c.debug = (...args: unknown[]) => remote.log(format(...args));
  c.warn = (...args: unknown[]) => remote.warn(format(...args));
  c.error = (...args: unknown[]) => remote.error(format(...args));
}
