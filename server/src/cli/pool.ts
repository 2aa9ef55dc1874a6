// Lints many files on worker threads while the main thread is still walking: files are queued as the
// walk finds them and handed out in batches, two per worker in flight so none waits for the main
// thread. Once the walk is over the main thread lints too (--jobs N: the main thread and N-1 workers).
// Reading and linting are synchronous in a thread. Clean files (the vast majority) come back as a
// count, not as objects to clone. Grammars are compiled when a file first needs one (each costs memory and start-up time on
// every thread; a tree rarely needs more than a few).
import { Worker, parentPort, workerData } from 'worker_threads';
import type { LanguageId, LintSettings } from '../engine/types';
import type { DependencyState, TextScreen } from '../engine/workspace';
import { GrammarLoader } from '../host/grammars';
import { fastLanguageOf } from '../host/walk';
import { summaryLanguages } from '../host/workspace-index';
import { isNotebookPath, processNotebook } from './notebook';
import {
  addScreens,
  isClean,
  lintFileSync,
  processFile,
  takeScreens,
  type FileReport,
  type ScanSettings,
} from './scan';

export interface WorkItem {
  abs: string;
  rel: string;
  /** The file's own settings (from the configuration of its folder); default: the pool's. */
  settings?: LintSettings;
  /** The path the engine sees (see ScanSettings.enginePath); default `rel`. */
  enginePath?: string;
}

/** Largest batch: big enough that messaging is noise, small enough to balance the end of a scan. */
const MAX_BATCH = 32;
/** While the walk goes on, a batch is sent only once this many files wait (or a worker is idle). */
const MIN_BATCH = 16;
/** Batches in flight per worker: one being linted, one waiting, so a worker never waits for the main thread. */
const IN_FLIGHT = 2;
/** The main thread lints this many files at a time, and yields to the workers' messages every MAIN_SLICE_MS. */
const MAIN_BATCH = 4;
const MAIN_SLICE_MS = 10;
const WORKER_YOUNG_GENERATION_MB = 12;
/** Files queued beyond which the walk pauses for the main thread to lint a slice (memory stays flat on any tree). */
const HIGH_WATER = 2048;

/** Text screens by store key (`SummaryStore.takeScreens`), made by one thread for the others. */
type Screens = [string, TextScreen][];

type ToWorker = { type: 'batch'; items: WorkItem[]; screens?: Screens } | { type: 'stop' };
type FromWorker =
  | { type: 'ready'; errors: string[] }
  /** `reports` holds only reports that say more than "clean"; `clean` counts the others, `untouched` those never decoded. */
  | {
      type: 'done';
      reports: FileReport[];
      clean: number;
      untouched: number;
      count: number;
      warnings: string[];
      /** With `listClean`: the clean files' paths (for the cache). */
      cleanPaths?: string[];
      /** With `listClean`: the other files' summaries each clean file's lint used (engine/workspace). */
      cleanDeps?: Record<string, DependencyState[]>;
      /** The text screens the thread made for this batch, for the other threads. */
      screens?: Screens;
    };

type Done = Extract<FromWorker, { type: 'done' }>;

/** A thread's grammars, compiled per language on first use (all of them up front when fixing). */
class ThreadGrammars {
  readonly loader: GrammarLoader;
  private warnings: string[] = [];
  private readonly ready = new Set<LanguageId | undefined>();

  constructor() {
    this.loader = new GrammarLoader((m) => this.warnings.push(m));
  }

  /** Whether files of the language can be linted now (else `prepare` it first). */
  isReady(language: LanguageId | undefined): boolean {
    return this.ready.has(language);
  }

  async prepare(language: LanguageId | undefined): Promise<void> {
    await this.loader.forLanguage(language);
    // The grammars of the modules a file may import from: a summary never depends on load order.
    for (const l of summaryLanguages(language)) await this.loader.forLanguage(l);
    this.ready.add(language);
  }

  /** Load errors since the last call. */
  takeWarnings(): string[] {
    const w = this.warnings;
    this.warnings = [];
    return w;
  }
}

/** Marks the workerData of our own workers, so the bundle knows which role it was started in. */
export const WORKER_MARK = 'tlslintWorker';

export function isTlslintWorker(): boolean {
  return !!parentPort && !!workerData && (workerData as Record<string, unknown>)[WORKER_MARK] === true;
}

/** Lints a batch; reports that are not clean, and counts. Synchronous once its languages' grammars are loaded. */
async function lintBatch(items: WorkItem[], g: ThreadGrammars, opts: ScanSettings): Promise<Done> {
  const out: Done = { type: 'done', reports: [], clean: 0, untouched: 0, count: items.length, warnings: [] };
  if (opts.listClean) out.cleanPaths = [];
  for (const it of items) {
    const o =
      it.settings || it.enginePath !== undefined
        ? { ...opts, settings: it.settings ?? opts.settings, enginePath: it.enginePath }
        : opts;
    const notebook = isNotebookPath(it.rel);
    const language = notebook ? 'python' : fastLanguageOf(it.enginePath ?? it.rel);
    if (!g.isReady(language)) await g.prepare(language);
    const r = notebook
      ? await processNotebook(it.abs, it.rel, g.loader, o)
      : o.fix
        ? await processFile(it.abs, it.rel, g.loader, o)
        : lintFileSync(it.abs, it.rel, g.loader, o, language);
    if (r.untouched) out.untouched++;
    if (isClean(r)) {
      out.clean++;
      out.cleanPaths?.push(it.rel);
      if (out.cleanPaths && r.dependsOn) (out.cleanDeps ??= {})[it.rel] = r.dependsOn;
    } else out.reports.push(r);
  }
  out.warnings = g.takeWarnings();
  const screens = takeScreens(g.loader);
  if (screens.length) out.screens = screens;
  return out;
}

/** The worker side: lint batches in order until told to stop. */
export async function runWorker(): Promise<void> {
  const port = parentPort!;
  const opts = (workerData as { opts: ScanSettings }).opts;
  const g = new ThreadGrammars();
  // Fixing may parse embedded code of any language: load everything once.
  await (opts.fix ? g.loader.all() : g.loader.warm());
  port.postMessage({ type: 'ready', errors: g.takeWarnings() } satisfies FromWorker);
  // Batches are linted one after another even when fixing (async): a chain keeps them in order.
  let chain = Promise.resolve();
  port.on('message', (msg: ToWorker) => {
    if (msg.type === 'stop') {
      chain = chain.then(() => port.close());
      return;
    }
    chain = chain.then(async () => {
      if (msg.screens) addScreens(g.loader, msg.screens);
      port.postMessage(await lintBatch(msg.items, g, opts));
    });
  });
}

export interface PoolOptions {
  /** The script that starts as a worker (the CLI bundle itself). */
  script: string;
  /** Called for every report that is not clean (findings, suppressions, errors, a skip, a fix). */
  onReport?: (r: FileReport) => void;
  /** With ScanSettings.listClean: called with each clean file's path (and the summaries its lint used). */
  onClean?: (rel: string, dependsOn?: DependencyState[]) => void;
  onWarning?: (message: string) => void;
}

interface Slot {
  worker: Worker;
  /** How far into `LintPool.screens` this worker has been sent (or made) the screens. */
  screensSent: number;
  /** Batches sent and not yet answered, oldest first. */
  sent: WorkItem[][];
  ready: boolean;
  stopped: boolean;
  exited: Promise<void>;
}

/**
 * A queue of files and the threads that lint them. `add` files as they are found, `setWorkers` to
 * start threads (never stopped before `finish`), then `finish` to lint the rest and wait.
 */
export class LintPool {
  private readonly queue: WorkItem[] = [];
  private head = 0;
  private readonly slots: Slot[] = [];
  private walking = true;
  /** Files linted clean (not in any report), of which `untouched` were never decoded. */
  clean = 0;
  untouched = 0;
  /** Files finished, reported or clean. */
  done = 0;
  /** Files added. */
  added = 0;

  /** This thread's grammars; the tree-sitter runtime starts compiling while the walk goes on. */
  private readonly mainGrammars = new ThreadGrammars();
  private readonly warming: Promise<void>;

  constructor(
    private readonly opts: ScanSettings,
    private readonly p: PoolOptions,
  ) {
    this.warming = this.mainGrammars.loader.warm();
  }

  get workers(): number {
    return this.slots.length;
  }

  private get waiting(): number {
    return this.queue.length - this.head;
  }

  add(item: WorkItem): void {
    this.queue.push(item);
    this.added++;
    if (this.waiting >= MIN_BATCH) this.dispatch();
  }

  /** Starts worker threads up to `n` in all. */
  setWorkers(n: number): void {
    while (this.slots.length < n) this.start();
  }

  private start(): void {
    const worker = new Worker(this.p.script, {
      workerData: { [WORKER_MARK]: true, opts: this.opts },
      // A smaller young generation than V8's default (48 MB): linting makes short-lived garbage only,
      // and each worker's peak RSS drops by ~30 MB at no measurable cost in time.
      resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
    });
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    const slot: Slot = { worker, screensSent: 0, sent: [], ready: false, stopped: false, exited };
    this.slots.push(slot);
    worker.on('message', (msg: FromWorker) => {
      if (msg.type === 'ready') {
        slot.ready = true;
        for (const e of msg.errors) this.warn(e);
      } else {
        slot.sent.shift();
        this.take(msg, this.slots.indexOf(slot));
      }
      this.dispatch();
    });
    worker.on('error', (e) => {
      // A crashed worker's batches go back to the queue; the others (or the main thread) carry on.
      this.warn(`worker thread failed: ${e.message}`);
      this.requeue(slot);
    });
    worker.on('exit', () => this.requeue(slot));
  }

  private requeue(slot: Slot): void {
    slot.stopped = true;
    for (const batch of slot.sent.splice(0)) this.queue.push(...batch);
  }

  private readonly warned = new Set<string>();

  private warn(message: string): void {
    if (this.warned.has(message)) return;
    this.warned.add(message);
    this.p.onWarning?.(message);
  }

  /**
   * The text screens the threads made, in the order they came in, with the thread that made each (a worker's
   * slot; -1: this thread): each worker is sent those it has not seen with its next batch.
   */
  private readonly screens: { from: number; entries: Screens }[] = [];

  private take(msg: Done, from = -1): void {
    if (msg.screens) {
      this.screens.push({ from, entries: msg.screens });
      // This thread's own store learns the workers' screens at once.
      if (from !== -1) addScreens(this.mainGrammars.loader, msg.screens);
    }
    for (const w of msg.warnings) this.warn(w);
    this.clean += msg.clean;
    this.untouched += msg.untouched;
    this.done += msg.count;
    for (const r of msg.reports) this.p.onReport?.(r);
    if (msg.cleanPaths) for (const rel of msg.cleanPaths) this.p.onClean?.(rel, msg.cleanDeps?.[rel]);
  }

  private dispatch(): void {
    const live = this.slots.filter((s) => !s.stopped);
    for (const slot of live) {
      while (slot.sent.length < IN_FLIGHT && this.waiting > 0) {
        // Batches shrink at the end of a scan, so the threads finish together.
        const size = this.walking
          ? MAX_BATCH
          : Math.max(1, Math.min(MAX_BATCH, Math.ceil(this.waiting / (live.length * 4))));
        if (this.walking && this.waiting < MIN_BATCH && slot.sent.length > 0) break;
        const batch = this.queue.slice(this.head, this.head + size);
        this.head += batch.length;
        slot.sent.push(batch);
        const me = this.slots.indexOf(slot);
        const screens = this.screens
          .slice(slot.screensSent)
          .filter((s) => s.from !== me)
          .flatMap((s) => s.entries);
        slot.screensSent = this.screens.length;
        slot.worker.postMessage({
          type: 'batch',
          items: batch,
          ...(screens.length ? { screens } : {}),
        } satisfies ToWorker);
      }
    }
    // Screens every worker has been sent are not kept here (this thread's store holds them).
    const seen = Math.min(...live.map((s) => s.screensSent));
    if (live.length && seen > 0) {
      this.screens.splice(0, seen);
      for (const s of this.slots) s.screensSent = Math.max(0, s.screensSent - seen);
    }
    if (this.head > 4096 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
    if (!this.walking && this.waiting === 0) {
      for (const slot of live) {
        if (slot.sent.length === 0) {
          slot.stopped = true;
          slot.worker.postMessage({ type: 'stop' } satisfies ToWorker);
        }
      }
    }
  }

  /** Whether the walk has outrun the threads (see `lintSlice`). */
  get backlogged(): boolean {
    return this.waiting > HIGH_WATER;
  }

  /**
   * While the walk goes on: lint on this thread for a few milliseconds, so the queue (and memory)
   * stays bounded however large the tree, and this thread is not idle while the workers catch up.
   */
  async lintSlice(): Promise<void> {
    await (this.opts.fix ? this.mainGrammars.loader.all() : this.warming);
    const started = Date.now();
    while (this.waiting > HIGH_WATER / 2 && Date.now() - started < MAIN_SLICE_MS) {
      const batch = this.queue.slice(this.head, this.head + MAIN_BATCH);
      this.head += batch.length;
      this.take(await lintBatch(batch, this.mainGrammars, this.opts));
    }
  }

  /**
   * No more files: lint the rest on this thread alongside the workers (a few milliseconds at a time,
   * so their messages are answered and they are never short of files), then wait for them.
   */
  async finish(): Promise<void> {
    this.walking = false;
    this.dispatch();
    const g = this.mainGrammars;
    await (this.opts.fix ? g.loader.all() : this.warming);
    for (;;) {
      await this.lintHere(g);
      this.dispatch();
      await Promise.all(this.slots.map((s) => s.exited));
      // Whatever crashed workers left behind.
      if (this.waiting === 0) return;
    }
  }

  private async lintHere(g: ThreadGrammars): Promise<void> {
    const yieldEvery = this.slots.some((s) => !s.stopped) ? MAIN_SLICE_MS : 50;
    let lastYield = Date.now();
    while (this.waiting > 0) {
      // Reading and linting are synchronous: let the workers' messages and the progress line in.
      if (Date.now() - lastYield > yieldEvery) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        lastYield = Date.now();
        continue;
      }
      const batch = this.queue.slice(this.head, this.head + MAIN_BATCH);
      this.head += batch.length;
      this.take(await lintBatch(batch, g, this.opts));
    }
  }
}
