// Server resilience with the real server over stdio: a detector that throws on one file (fault
// injection through TLSLINT_FAULT_INJECT) costs that detector on that file only; malformed JSON-RPC
// input (garbage, bad headers, invalid JSON, truncated bodies, wrong params) gets errors or is ignored,
// and a valid request still answers after each.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { ScanWorkspaceResult } from '../../server/src/lsp/protocol';
import { FrameFilter } from '../../server/src/lsp/stdio';
import { INJECTED_FAULT } from '../../server/src/host/fault-injection';
import { runCli } from '../cli/helpers';
import { LspClient, SERVER, uriOf } from './lsp-client';

const BAD = 'import requests\n\ndef f(u):\n    return requests.get(u, verify=False)\n';
/** Two findings of two detectors: requests-verify and urllib3's disable_warnings. */
const TWO = 'import requests\nimport urllib3\n\nurllib3.disable_warnings()\nrequests.get("https://x", verify=False)\n';
const FAULT = { TLSLINT_FAULT_INJECT: 'detector-throw:python.requests-verify:boom' };

function tempDir(files: Record<string, string>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tlslint-resilience-')));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe('a detector that throws', () => {
  it('server: the error is logged for that file, the other detectors report on it, other files and requests go on', async () => {
    const dir = tempDir({ 'boom.py': TWO, 'fine.py': TWO, 'sub/boom_too.py': BAD, 'sub/other.py': BAD });
    const client = await LspClient.start({ workspaceFolders: [dir], env: FAULT });
    try {
      await client.waitFor(
        () => client.logs.some((l) => /fault injection: 1 detector\(s\) throw on paths containing "boom"/.test(l)),
        'fault injection installed',
      );
      const boom = await client.open(uriOf(path.join(dir, 'boom.py')), TWO);
      assert.deepEqual(
        boom.diagnostics.map((d) => d.code),
        ['insecure-warning-suppressed'],
        'the other detector still reports',
      );
      await client.waitFor(
        () => client.logs.some((l) => l.includes(`boom.py: detector python.requests-verify failed: ${INJECTED_FAULT}`)),
        'internal error logged for the file',
      );
      const fine = await client.open(uriOf(path.join(dir, 'fine.py')), TWO);
      assert.deepEqual(fine.diagnostics.map((d) => d.code).sort(), [
        'cert-verification-disabled',
        'insecure-warning-suppressed',
      ]);
      const hover = await client.conn.sendRequest('textDocument/hover', {
        textDocument: { uri: uriOf(path.join(dir, 'fine.py')) },
        position: { line: 4, character: 30 },
      });
      assert.ok(hover);
      // A workspace scan goes through the failing files too.
      const r = await client.conn.sendRequest<ScanWorkspaceResult>('tlslint/scanWorkspace', {});
      assert.deepEqual(
        { files: r.files, findings: r.findings, skipped: r.skipped },
        { files: 4, findings: 1 + 2 + 0 + 1, skipped: 0 },
      );
      await client.waitFor(
        () => client.logs.some((l) => l.includes(`sub/boom_too.py: detector python.requests-verify failed`)),
        'error logged for the scanned file',
      );
      assert.equal(client.proc.exitCode, null, 'the server is alive');
      assert.doesNotMatch(client.logs.join('\n'), /uncaught exception|unhandled rejection/);
    } finally {
      await client.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('server: every detector throwing on a file leaves it without findings, and the server serving', async () => {
    const dir = tempDir({});
    const client = await LspClient.start({
      workspaceFolders: [dir],
      env: { TLSLINT_FAULT_INJECT: 'detector-throw:*:boom' },
    });
    try {
      const boom = await client.open(uriOf(path.join(dir, 'boom.py')), TWO);
      assert.deepEqual(boom.diagnostics, []);
      const fine = await client.open(uriOf(path.join(dir, 'fine.py')), TWO);
      assert.equal(fine.diagnostics.length, 2);
      assert.equal(await client.stop(), 0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('CLI (main thread and worker threads): a warning names the file and the detector; the rest is reported', async () => {
    const files: Record<string, string> = { 'boom.py': TWO };
    for (let i = 0; i < 24; i++) files[`m${i}.py`] = BAD;
    const dir = tempDir(files);
    try {
      for (const jobs of ['1', '2']) {
        const r = await runCli(['scan', '.', '--format', 'json', '--jobs', jobs], { cwd: dir, env: FAULT });
        assert.equal(r.code, 1, r.stderr);
        assert.match(
          r.stderr,
          new RegExp(
            `tlslint: warning: boom\\.py: detector python\\.requests-verify failed: ${INJECTED_FAULT.replace(/[()]/g, '\\$&')}`,
          ),
        );
        const report = JSON.parse(r.stdout) as {
          findings: { path: string; rule: string }[];
          summary: { files: number };
        };
        assert.equal(report.summary.files, 25);
        assert.deepEqual(
          report.findings.filter((f) => f.path === 'boom.py').map((f) => f.rule),
          ['insecure-warning-suppressed'],
        );
        assert.equal(report.findings.filter((f) => f.rule === 'cert-verification-disabled').length, 24, `jobs ${jobs}`);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** A raw stdio peer: writes arbitrary bytes, reads framed messages. */
class RawPeer {
  private buf = Buffer.alloc(0);
  readonly messages: {
    id?: number | string | null;
    result?: unknown;
    error?: { code: number; message: string };
    method?: string;
    params?: unknown;
  }[] = [];
  stderr = '';
  private waiters: (() => void)[] = [];
  readonly exited: Promise<number | null>;

  constructor(readonly proc: ChildProcess) {
    proc.stdout!.on('data', (d: Buffer) => {
      this.buf = Buffer.concat([this.buf, d]);
      for (;;) {
        const end = this.buf.indexOf('\r\n\r\n');
        if (end < 0) break;
        const len = Number(/Content-Length: (\d+)/i.exec(this.buf.subarray(0, end).toString('ascii'))?.[1]);
        if (this.buf.length < end + 4 + len) break;
        this.messages.push(
          JSON.parse(this.buf.subarray(end + 4, end + 4 + len).toString('utf8')) as RawPeer['messages'][number],
        );
        this.buf = this.buf.subarray(end + 4 + len);
      }
      for (const w of this.waiters.splice(0)) w();
    });
    proc.stderr!.on('data', (d: Buffer) => (this.stderr += String(d)));
    this.exited = new Promise((resolve) => proc.on('exit', (code) => resolve(code)));
  }

  static start(): RawPeer {
    return new RawPeer(spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] }));
  }

  raw(bytes: string | Buffer): void {
    this.proc.stdin!.write(bytes);
  }

  frame(body: string | Buffer): void {
    const b = Buffer.from(body);
    this.raw(Buffer.concat([Buffer.from(`Content-Length: ${b.length}\r\n\r\n`, 'ascii'), b]));
  }

  send(message: object): void {
    this.frame(JSON.stringify({ jsonrpc: '2.0', ...message }));
  }

  async response(id: number, ms = 10_000): Promise<RawPeer['messages'][number]> {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = this.messages.find((m) => m.id === id && m.method === undefined);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no response to ${id}; stderr: ${this.stderr}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  /** Sends a request and waits for its response. */
  async request(id: number, method: string, params: unknown): Promise<RawPeer['messages'][number]> {
    this.send({ id, method, params });
    return this.response(id);
  }

  logs(): string {
    return this.messages
      .filter((m) => m.method === 'window/logMessage')
      .map((m) => (m.params as { message: string }).message)
      .join('\n');
  }
}

describe('malformed JSON-RPC input', () => {
  it('garbage, bad headers, invalid JSON and wrong params get errors or are ignored; a valid request answers after each', async () => {
    const peer = RawPeer.start();
    try {
      const init = await peer.request(1, 'initialize', { processId: null, rootUri: null, capabilities: {} });
      assert.ok(init.result);
      peer.send({ method: 'initialized', params: {} });
      const uri = 'file:///nowhere/x.py';
      peer.send({
        method: 'textDocument/didOpen',
        params: { textDocument: { uri, languageId: 'python', version: 1, text: BAD } },
      });

      let id = 100;
      /** A hover on the open document: proof the server still reads and answers requests. */
      const alive = async (after: string) => {
        const r = await peer.request(++id, 'textDocument/hover', {
          textDocument: { uri },
          position: { line: 3, character: 30 },
        });
        assert.ok(r.result, `hover answered after ${after}: ${JSON.stringify(r)}`);
        assert.equal(peer.proc.exitCode, null, `alive after ${after}`);
      };
      await alive('startup');

      // Framing errors: the server's input filter (lsp/stdio.ts) drops the bad header block and
      // resynchronizes at the next Content-Length header.
      const framing: [string, string | Buffer][] = [
        ['a header block without a colon', 'GARBAGE\r\n\r\n'],
        [
          'binary garbage as a header block',
          Buffer.concat([Buffer.from([0x00, 0xff, 0xfe, 0x80, 0x1b, 0x5b]), Buffer.from('\r\n\r\n')]),
        ],
        ['a header block without Content-Length', 'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n'],
        ['a Content-Length that is not a number', 'Content-Length: twelve\r\n\r\n'],
        ['an empty body', 'Content-Length: 0\r\n\r\n'],
        ['a negative Content-Length', 'Content-Length: -5\r\n\r\n'],
        ['a Content-Length over the limit', 'Content-Length: 99999999999\r\n\r\n'],
        ['an empty header block', '\r\n\r\n'],
        ['garbage glued to the next header', 'no header here at all {"x": 1}'],
        ['64 KB of garbage without a header end', 'x'.repeat(70_000)],
      ];
      for (const [what, bytes] of framing) {
        // Garbage and the next request in one write: the request must not wait for more input.
        peer.raw(bytes);
        await alive(what);
      }

      // Bodies that are not JSON-RPC requests.
      const bodies: [string, string | Buffer][] = [
        ['invalid JSON', '{"jsonrpc": "2.0", "id": 9, "method": '],
        ['invalid UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d])],
        ['a JSON array', '[1, 2, 3]'],
        ['a JSON string', '"hello"'],
        ['JSON null', 'null'],
        ['an object that is no message', '{"hello": "world"}'],
        ['a response to nothing', '{"jsonrpc": "2.0", "id": 424242, "result": 1}'],
        ['an error response to nothing', '{"jsonrpc": "2.0", "id": 424243, "error": {"code": 1, "message": "x"}}'],
        ['a method that is a number', '{"jsonrpc": "2.0", "id": 5, "method": 5}'],
        ['deeply nested JSON', '['.repeat(20_000) + ']'.repeat(20_000)],
      ];
      for (const [what, body] of bodies) {
        peer.frame(body);
        await alive(what);
      }

      // A valid header with a truncated body: the server waits for the rest (it cannot know); once the
      // bytes arrive (here as filler that makes invalid JSON) the message fails alone.
      peer.raw('Content-Length: 60\r\n\r\n{"jsonrpc": "2.0", "id": 77, "met');
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.equal(peer.proc.exitCode, null);
      peer.raw(' '.repeat(60 - '{"jsonrpc": "2.0", "id": 77, "met'.length));
      await alive('a truncated body completed by filler');
      // A truncated body followed at once by valid messages: the body swallows the start of the next
      // message (which is lost), the filter resynchronizes, and the one after answers.
      peer.raw('Content-Length: 40\r\n\r\n{"jsonrpc": "2.0", "id": 78');
      peer.send({
        id: 79,
        method: 'textDocument/hover',
        params: { textDocument: { uri }, position: { line: 3, character: 30 } },
      });
      await alive('a truncated body followed by messages');
      assert.match(peer.logs(), /protocol: dropped a malformed message header \(bad Content-Length "-5"\)/);
      // Every framing error is logged (the 70,000 bytes as one drop, or glued to the next header).
      assert.ok((peer.logs().match(/protocol: dropped /g) ?? []).length >= framing.length, peer.logs());

      // Requests with wrong params: an error response (or a null result), never a crash.
      const wrong: [string, unknown][] = [
        ['textDocument/hover', null],
        ['textDocument/hover', { textDocument: 5 }],
        ['textDocument/hover', { textDocument: { uri }, position: { line: -1, character: 'x' } }],
        ['textDocument/hover', { textDocument: { uri: 'file:///unknown.py' }, position: { line: 0, character: 0 } }],
        [
          'textDocument/codeAction',
          { textDocument: { uri }, range: null, context: { diagnostics: [{ source: 'tlslint', data: 'junk' }] } },
        ],
        [
          'textDocument/codeAction',
          {
            textDocument: { uri },
            range: { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } },
            context: { diagnostics: [{ source: 'tlslint', range: null, data: { fixes: [{ edits: 7 }] } }] },
          },
        ],
        [
          'textDocument/codeAction',
          {
            textDocument: { uri: 'file:///unknown.py' },
            range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
            context: { diagnostics: [] },
          },
        ],
        ['tlslint/scanWorkspace', { folders: 5 }],
        ['tlslint/scanWorkspace', { folders: ['file:///does/not/exist', 'relative/nowhere', 'file://host/share'] }],
        ['tlslint/scanWorkspace', 'scan'],
        ['tlslint/clearWorkspaceFindings', [1, 2]],
        ['workspace/executeCommand', { command: 'tlslint.nothing', arguments: [] }],
        ['no/such/method', {}],
      ];
      for (const [method, params] of wrong) {
        const r = await peer.request(++id, method, params);
        assert.ok('result' in r || r.error, `${method} ${JSON.stringify(params)} answered: ${JSON.stringify(r)}`);
        await alive(`${method} with ${JSON.stringify(params)}`);
      }

      // Notifications with wrong params are ignored.
      const notes: [string, unknown][] = [
        [
          'textDocument/didOpen',
          { textDocument: { uri: 'file:///n.py', languageId: 'python', version: 'one', text: 42 } },
        ],
        [
          'textDocument/didChange',
          { textDocument: { uri: 'file:///never-opened.py', version: 2 }, contentChanges: [{ text: 'x' }] },
        ],
        [
          'textDocument/didChange',
          {
            textDocument: { uri, version: 2 },
            contentChanges: [
              { range: { start: { line: 99, character: 0 }, end: { line: -4, character: 2 } }, text: 'x' },
            ],
          },
        ],
        ['textDocument/didClose', { textDocument: { uri: 'file:///never-opened.py' } }],
        ['textDocument/didSave', null],
        ['workspace/didChangeWatchedFiles', { changes: [{ uri: 'not a uri', type: 99 }] }],
        [
          'workspace/didChangeConfiguration',
          { settings: { tlslint: { maxFileSizeKb: 'huge', debounceMs: -5, rules: 'all', run: 7 } } },
        ],
        [
          'workspace/didChangeWorkspaceFolders',
          { event: { added: [{ uri: 'file:///nope', name: 'n' }], removed: [{ uri: 'x' }] } },
        ],
        ['$/cancelRequest', { id: 'no-such-request' }],
        ['window/workDoneProgress/cancel', { token: {} }],
      ];
      for (const [method, params] of notes) {
        peer.send({ method, params });
        // The edit above moved the finding; hover where it may be now, so only check the server answers.
        const r = await peer.request(++id, 'textDocument/hover', {
          textDocument: { uri },
          position: { line: 0, character: 0 },
        });
        assert.ok('result' in r, `answered after ${method}`);
        assert.equal(peer.proc.exitCode, null, `alive after ${method}`);
      }

      assert.doesNotMatch(peer.logs(), /uncaught exception|unhandled rejection/, peer.logs());
      // A clean shutdown at the end: exit code 0.
      const down = await peer.request(++id, 'shutdown', null);
      assert.ok('result' in down);
      peer.send({ method: 'exit' });
      assert.equal(await peer.exited, 0, peer.stderr);
    } finally {
      peer.proc.kill();
    }
  });

  it('a client that disappears mid-message (stdin closed) ends the server', async () => {
    const peer = RawPeer.start();
    try {
      await peer.request(1, 'initialize', { processId: null, rootUri: null, capabilities: {} });
      peer.raw('Content-Length: 500\r\n\r\n{"jsonrpc": "2.0", "id": 2, "method": "textDocument/hov');
      peer.proc.stdin!.end();
      const code = await Promise.race([
        peer.exited,
        new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 10_000)),
      ]);
      assert.notEqual(code, 'hung', 'the server exits when its input closes');
    } finally {
      peer.proc.kill();
    }
  });
});

describe('FrameFilter', () => {
  it('passes valid frames through byte for byte, whatever the chunking; drops only the bad ones', async () => {
    const frame = (body: string) =>
      `Content-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n${body}`;
    const good = [frame('{"a":"é\\r\\n\\r\\n"}'), frame('{"b":' + '1'.repeat(5000) + '}'), frame('{}')];
    const input = Buffer.from(good[0] + 'Content-Length: -1\r\n\r\n' + good[1] + 'junk' + good[2], 'utf8');
    for (const size of [1, 2, 3, 7, 64, 4096, input.length]) {
      const problems: string[] = [];
      const f = new FrameFilter((p) => problems.push(p));
      const out: Buffer[] = [];
      f.on('data', (d: Buffer) => out.push(d));
      const ended = new Promise((resolve) => f.on('end', resolve));
      for (let i = 0; i < input.length; i += size) f.write(input.subarray(i, i + size));
      f.end();
      await ended;
      assert.equal(Buffer.concat(out).toString('utf8'), good.join(''), `chunks of ${size}`);
      assert.equal(problems.length, 2, `chunks of ${size}: ${problems.join('; ')}`);
    }
  });

  it('streams a large body through without re-copying it per chunk (a 20 MB didOpen in 64 KB chunks)', async () => {
    const body = Buffer.from(
      JSON.stringify({ jsonrpc: '2.0', method: 'x', params: { text: 'a'.repeat(20 * 1024 * 1024) } }),
    );
    const input = Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]);
    const f = new FrameFilter(() => undefined);
    let bytes = 0;
    f.on('data', (d: Buffer) => (bytes += d.length));
    const ended = new Promise((resolve) => f.on('end', resolve));
    const started = Date.now();
    for (let i = 0; i < input.length; i += 65536) f.write(input.subarray(i, i + 65536));
    f.end();
    await ended;
    assert.equal(bytes, input.length);
    assert.ok(Date.now() - started < 2000, `${Date.now() - started} ms`);
  });
});
