// `/`-separated project paths as the hosts name files to the engine (engine/workspace): pure arithmetic.

/** `a/b/../c` → `a/c`; `..` beyond the start is kept (a path out of the project folder). */
export function normalizePath(p: string): string {
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length && out[out.length - 1] !== '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

export function folderOf(p: string): string {
  const norm = p.replace(/\\/g, '/');
  const i = norm.lastIndexOf('/');
  return i < 0 ? '' : norm.slice(0, i);
}

export function joinPath(folder: string, rel: string): string {
  return normalizePath(folder ? `${folder}/${rel}` : rel);
}
