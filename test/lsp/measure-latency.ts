// Measures keystroke latency: time from didChange to the matching publishDiagnostics on a 5,000-line
// Python file with debounceMs 0. Not a test (timings depend on the machine); run by hand:
//   npx tsc -b && node scripts/esbuild.mjs && node out/test/lsp/measure-latency.js [lines] [edits] [dense|sparse]
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { LspClient, uriOf } from './lsp-client';

function pythonFile(lines: number, sparse: boolean): string {
  const out: string[] = ['import ssl', 'import requests', 'import urllib3', ''];
  let i = 0;
  while (out.length < lines - 4) {
    i++;
    switch (i % 5) {
      case 0:
        out.push(
          `def fetch_${i}(session, url):`,
          `    """Fetch ${i}."""`,
          `    return session.get(url, timeout=${i % 30})`,
          '',
        );
        break;
      case 1:
        out.push(
          `class Handler${i}:`,
          `    def run(self, x):`,
          `        return [y * ${i} for y in range(x) if y % 3]`,
          '',
        );
        break;
      case 2:
        out.push(`def ctx_${i}():`, `    c = ssl.create_default_context()`, `    return c`, '');
        break;
      case 3:
        out.push(`VALUE_${i} = {"a": ${i}, "b": "text ${i}", "c": [1, 2, 3]}`, '');
        break;
      default:
        // Sparse: one finding in the whole file (the usual case); dense: one every 20 lines.
        out.push(`def bad_${i}(u):`, `    return requests.get(u, verify=${sparse && i > 4 ? 'True' : 'False'})`, '');
    }
  }
  out.push('', '# end', '');
  return out.join('\n');
}

/** User+system CPU time of a process in ms (Linux /proc; 0 elsewhere). */
function serverCpuMs(pid: number | undefined): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of stat (11 and 12 after the command name), in clock ticks.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return 0;
  }
}

async function main(): Promise<void> {
  const lines = Number(process.argv[2] ?? 5000);
  const edits = Number(process.argv[3] ?? 200);
  const text = pythonFile(lines, process.argv[4] === 'sparse');
  const client = await LspClient.start({
    execArgv: process.env.PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.PROFILE_DIR}`] : [],
    settings: (section) => (section === 'tlslint' ? { debounceMs: 0 } : null),
  });
  const uri = uriOf(path.join(os.tmpdir(), 'latency.py'));
  const opened = await client.open(uri, text);
  const lineCount = text.split('\n').length;
  console.log(`file: ${lineCount} lines, ${text.length} chars, ${opened.diagnostics.length} findings`);
  const times: number[] = [];
  const cpuBefore = serverCpuMs(client.proc.pid);
  let version = 1;
  // Type characters into a comment in the middle of the file, then delete them again.
  const target = Math.floor(lineCount / 2);
  for (let k = 0; k < edits; k++) {
    version++;
    const before = client.published(uri);
    const insert = k % 2 === 0;
    const started = performance.now();
    await client.change(uri, version, [
      insert
        ? { range: { start: { line: target, character: 0 }, end: { line: target, character: 0 } }, text: '#' }
        : { range: { start: { line: target, character: 0 }, end: { line: target, character: 1 } }, text: '' },
    ]);
    const v = version;
    await client.nextDiagnostics(uri, before, (p) => p.version === v, 30_000);
    times.push(performance.now() - started);
  }
  const cpu = serverCpuMs(client.proc.pid) - cpuBefore;
  times.sort((a, b) => a - b);
  const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))].toFixed(1);
  console.log(
    `didChange -> publishDiagnostics over ${edits} edits: p50 ${pct(50)} ms, p95 ${pct(95)} ms, max ${times.at(-1)!.toFixed(1)} ms`,
  );
  // CPU time is what the server itself spent, so it does not depend on how busy the machine is.
  console.log(`server CPU time per edit: ${(cpu / edits).toFixed(1)} ms (user+system, from /proc)`);
  console.log(
    `load average: ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')} on ${os.cpus().length} cores`,
  );
  await client.stop();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
