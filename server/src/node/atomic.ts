// Atomic file writes: a temp file in the same folder, fsync, rename over the target, mode preserved;
// refuses when the file changed on disk since it was read, so a fix never overwrites someone's edit.
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

export interface AtomicWriteOptions {
  /** The mtime (ms) the file had when it was read; the write is refused if it differs now. */
  expectedMtimeMs?: number;
  /** The size the file had when it was read; the write is refused if it differs now. */
  expectedSize?: number;
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

/**
 * Writes `data` to `file` atomically: readers see the old or the new content, never a half-written
 * file. Symbolic links are written through (the link stays a link). The mode of an existing file is kept.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  let target = file;
  try {
    target = await fs.promises.realpath(file);
  } catch {
    // A new file: write it where asked.
  }
  let mode = options.mode;
  let st: fs.Stats | undefined;
  try {
    st = await fs.promises.stat(target);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    if (options.expectedMtimeMs !== undefined || options.expectedSize !== undefined) throw new FileChangedError(file);
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
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.tlslint-${process.pid}-${crypto.randomBytes(4).toString('hex')}.tmp`);
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
    await fs.promises.rename(tmp, target);
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
