// Builds the .vsix the way `npm run package` does (production bundles, scripts/package.mjs, vsce),
// into a scratch folder so the developer's dist/ is left alone, and lists a zip archive's entries.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from '../helpers';

/** Builds tlslint.vsix into `dir` (created when missing) and returns its path. Throws on failure. */
export function buildVsix(dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tlslint-vsix-test-'))): string {
  const dist = path.join(dir, 'dist');
  const out = path.join(dir, 'tlslint.vsix');
  const steps: string[][] = [
    [path.join(ROOT, 'scripts/esbuild.mjs'), '--production', `--outdir=${dist}`],
    [path.join(ROOT, 'scripts/package.mjs'), `--dist=${dist}`, `--out=${out}`],
  ];
  for (const args of steps) {
    const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) {
      throw new Error(`${path.basename(args[0])} failed (exit ${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
    }
  }
  return out;
}

/** The entry names of a zip archive, read from its central directory. */
export function zipEntries(file: string): string[] {
  const buf = fs.readFileSync(file);
  // End of central directory: signature, then the entry count at +10 and the directory's offset at +16.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${file}: not a zip archive (no end of central directory)`);
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error(`${file}: bad central directory entry ${n}`);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    names.push(buf.subarray(at + 46, at + 46 + nameLen).toString('utf8'));
    at += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}
