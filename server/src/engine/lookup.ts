// A map looked up one key at a time: the name models compute a name's bindings when a detector first
// asks for them instead of indexing every binding of the file.

export interface Lookup<T> {
  get(key: string): T | undefined;
  has(key: string): boolean;
}

/** A Lookup whose values `compute` gives on first use (undefined: the key has none). */
export function lazyLookup<T>(compute: (key: string) => T | undefined): Lookup<T> {
  const cache = new Map<string, T | undefined>();
  const get = (key: string): T | undefined => {
    if (!cache.has(key)) cache.set(key, compute(key));
    return cache.get(key);
  };
  return { get, has: (key) => get(key) !== undefined };
}
