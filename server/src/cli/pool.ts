// Lints many files on worker threads (--jobs): each worker loads the grammars once and takes small
// batches on demand, so a slow file never holds up the rest. One job lints on the main thread.
import { Worker, parentPort, workerData } from 'worker_threads';
import type { Grammars } from '../engine/parser';
import { loadGrammars } from '../node/grammars';
import { processFile, type FileReport, type ScanSettings } from './scan';

export interface WorkItem {
  abs: string;
  rel: string;
}

const BATCH = 8;

type ToWorker = { type: 'batch'; items: WorkItem[] } | { type: 'stop' };
type FromWorker = { type: 'ready'; errors: string[] } | { type: 'done'; reports: FileReport[] };

/** Marks the workerData of our own workers, so the bundle knows which role it was started in. */
export const WORKER_MARK = 'tlslintWorker';

export function isTlslintWorker(): boolean {
  return !!parentPort && !!workerData && (workerData as Record<string, unknown>)[WORKER_MARK] === true;
}

/** The worker side: load grammars, then lint batches until told to stop. */
export async function runWorker(): Promise<void> {
  const port = parentPort!;
  const opts = (workerData as { opts: ScanSettings }).opts;
  const { grammars, errors } = await loadGrammars();
  port.postMessage({ type: 'ready', errors } satisfies FromWorker);
  port.on('message', (msg: ToWorker) => {
    if (msg.type === 'stop') {
      port.close();
      return;
    }
    void (async () => {
      const reports: FileReport[] = [];
      for (const it of msg.items) reports.push(await processFile(it.abs, it.rel, grammars, opts));
      port.postMessage({ type: 'done', reports } satisfies FromWorker);
    })();
  });
}

export interface PoolOptions {
  jobs: number;
  /** The script that starts as a worker (the CLI bundle itself). */
  script: string;
  grammars: () => Promise<Grammars>;
  onReport?: (r: FileReport) => void;
  onWarning?: (message: string) => void;
}

async function lintHere(items: WorkItem[], opts: ScanSettings, p: PoolOptions): Promise<FileReport[]> {
  const grammars = await p.grammars();
  const out: FileReport[] = [];
  let lastYield = Date.now();
  for (const it of items) {
    // Reading and linting are synchronous; let timers (the progress line) run now and then.
    if (Date.now() - lastYield > 50) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      lastYield = Date.now();
    }
    const r = await processFile(it.abs, it.rel, grammars, opts);
    out.push(r);
    p.onReport?.(r);
  }
  return out;
}

/** Lints every item; reports come back in no particular order. */
export async function lintFiles(items: WorkItem[], opts: ScanSettings, p: PoolOptions): Promise<FileReport[]> {
  const jobs = Math.max(1, Math.min(p.jobs, Math.ceil(items.length / BATCH)));
  if (jobs <= 1) return lintHere(items, opts, p);
  const queue = [...items];
  const reports: FileReport[] = [];
  const leftovers: WorkItem[] = [];
  await Promise.all(
    Array.from({ length: jobs }, () =>
      new Promise<void>((resolve) => {
        const worker = new Worker(p.script, { workerData: { [WORKER_MARK]: true, opts } });
        let current: WorkItem[] = [];
        let finished = false;
        const next = () => {
          current = queue.splice(0, BATCH);
          if (current.length === 0) {
            finished = true;
            worker.postMessage({ type: 'stop' } satisfies ToWorker);
            return;
          }
          worker.postMessage({ type: 'batch', items: current } satisfies ToWorker);
        };
        worker.on('message', (msg: FromWorker) => {
          if (msg.type === 'ready') {
            for (const e of msg.errors) p.onWarning?.(e);
          } else {
            for (const r of msg.reports) {
              reports.push(r);
              p.onReport?.(r);
            }
            current = [];
          }
          next();
        });
        worker.on('error', (e) => {
          // A crashed worker's batch is linted on the main thread; the others carry on.
          p.onWarning?.(`worker thread failed: ${e.message}`);
          leftovers.push(...current);
          current = [];
          finished = true;
        });
        worker.on('exit', () => {
          if (!finished) leftovers.push(...current);
          resolve();
        });
      }),
    ),
  );
  // Anything still queued (every worker died) or lost with a crashed worker.
  leftovers.push(...queue.splice(0));
  if (leftovers.length) reports.push(...(await lintHere(leftovers, opts, p)));
  return reports;
}
