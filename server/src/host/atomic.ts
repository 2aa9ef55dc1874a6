// Atomic file writes: a temp file in the same folder, fsync, rename over the target, mode preserved;
// refuses when the file changed on disk since it was read, so a fix never overwrites someone's edit.
// A process killed mid-write leaves the target untouched and at most one hidden temp file
// (`.<name>.tlslint-<pid>-<hex>.tmp`, which the walker never lints); removeStaleTemps() clears those.
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

export interface AtomicWriteOptions {
  /** The mtime (ms) the file had when it was read; the write is refused if it differs now. */
  expectedMtimeMs?: number;
  /** The size the file had when it was read; the write is refused if it differs now. */
  expectedSize?: number;
  /**
   * The bytes the file had when it was read; checked again just before the rename, so an edit of the
   * same size within the file system's timestamp granularity is not overwritten either.
   */
  expectedContent?: Uint8Array;
  /**
   * Real paths of the folders (or files) the write must stay in: a symbolic link that resolves outside
   * them is not written through (a repository's `x.sh -> ~/.bashrc` must not get `--fix`ed).
   */
  within?: readonly string[];
  /** Mode for a file that does not exist yet (default 0o666 minus umask). */
  mode?: number;
}

/** Thrown when the target changed on disk since it was read. */
export class FileChangedError extends Error {
  readonly code = 'ECHANGED';
  constructor(readonly file: string) {
    super(`${file} changed on disk since it was read; not overwriting it`);
  }
}

/** Thrown when a link leads the write outside `within`. */
export class OutsideRootsError extends Error {
  readonly code = 'EOUTSIDE';
  constructor(
    readonly file: string,
    readonly target: string,
  ) {
    super(`${file} is a symbolic link to ${target}, outside the scanned folders; not writing through it`);
  }
}

function isWithin(target: string, roots: readonly string[]): boolean {
  return roots.some((r) => target === r || target.startsWith(r.endsWith(path.sep) ? r : r + path.sep));
}

/**
 * Writes `data` to `file` atomically: readers see the old or the new content, never a half-written
 * file. Symbolic links are written through (the link stays a link). The mode of an existing file is kept.
 */
export async function writeFileAtomic(
  file: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  let target = file;
  try {
    target = await fs.promises.realpath(file);
  } catch {
    // A new file: write it where asked.
  }
  if (options.within && !isWithin(target, options.within)) throw new OutsideRootsError(file, target);
  let mode = options.mode;
  let st: fs.Stats | undefined;
  try {
    st = await fs.promises.stat(target);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    if (options.expectedMtimeMs !== undefined || options.expectedSize !== undefined || options.expectedContent)
      throw new FileChangedError(file);
  }
  if (st) {
    if (
      (options.expectedMtimeMs !== undefined && st.mtimeMs !== options.expectedMtimeMs) ||
      (options.expectedSize !== undefined && st.size !== options.expectedSize)
    ) {
      throw new FileChangedError(file);
    }
    mode = st.mode & 0o7777;
  }
  const tmp = path.join(
    path.dirname(target),
    `.${path.basename(target)}.tlslint-${process.pid}-${crypto.randomBytes(4).toString('hex')}.tmp`,
  );
  let handle: fs.promises.FileHandle | undefined;
  try {
    handle = await fs.promises.open(tmp, 'wx', mode ?? 0o666);
    await handle.writeFile(data);
    if (mode !== undefined) await handle.chmod(mode); // open()'s mode is masked by the umask.
    if (st) {
      // Keep the owner when we may (root fixing someone's file); ignore EPERM otherwise.
      await handle.chown(st.uid, st.gid).catch(() => undefined);
    }
    await handle.sync();
    await handle.close();
    handle = undefined;
    // Check again right before the rename (synchronously, so nothing runs in between): the file may
    // have changed while the temp file was written and synced. What remains is a window of two system
    // calls; POSIX has no compare-and-rename to close it.
    if (st) unchangedSince(file, target, st, options);
    fs.renameSync(tmp, target);
  } catch (e) {
    await handle?.close().catch(() => undefined);
    await fs.promises.unlink(tmp).catch(() => undefined);
    throw e;
  }
  // Make the rename itself durable.
  try {
    const dh = await fs.promises.open(path.dirname(target), 'r');
    await dh.sync().catch(() => undefined);
    await dh.close();
  } catch {
    // Some platforms cannot open folders; the data itself is synced.
  }
}

function unchangedSince(file: string, target: string, st: fs.Stats, options: AtomicWriteOptions): void {
  let now: fs.Stats;
  try {
    now = fs.statSync(target);
  } catch {
    throw new FileChangedError(file);
  }
  if (now.ino !== st.ino || now.dev !== st.dev || now.mtimeMs !== st.mtimeMs || now.size !== st.size)
    throw new FileChangedError(file);
  if (options.expectedContent) {
    let current: Buffer;
    try {
      current = fs.readFileSync(target);
    } catch {
      throw new FileChangedError(file);
    }
    if (!current.equals(options.expectedContent)) throw new FileChangedError(file);
  }
}

/** The name of writeFileAtomic's temp files: `.<target name>.tlslint-<pid>-<8 hex>.tmp`. */
export const TEMP_FILE_PATTERN = /^\..+\.tlslint-(\d+)-[0-9a-f]{8}\.tmp$/;

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: alive, someone else's.
    return (e as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/**
 * Removes temp files that a killed writer left in `dir` (their process is gone); temp files of live
 * processes are left alone. Returns the names removed. Never throws.
 */
export function removeStaleTemps(dir: string): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    const m = TEMP_FILE_PATTERN.exec(name);
    if (!m || isAlive(Number(m[1]))) continue;
    try {
      const p = path.join(dir, name);
      if (!fs.lstatSync(p).isFile()) continue;
      fs.unlinkSync(p);
      removed.push(name);
    } catch {
      // Gone already, or not ours to remove.
    }
  }
  return removed;
}
