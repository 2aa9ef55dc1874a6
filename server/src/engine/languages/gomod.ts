// go.mod: the `go` directive, which decides the crypto/tls defaults a module builds with (clients
// default to TLS 1.2 since Go 1.18, servers since Go 1.22 through GODEBUG tls10server). Pure: the
// host (CLI, language server) reads go.mod and passes the result as `settings.languages.go.version`.

/**
 * The Go version of a go.mod file's `go` directive (`go 1.21`, `go 1.22.3`, `go 1.21rc2`), as
 * `major.minor[.patch]`, or undefined when there is none. Comments and the `toolchain` line are ignored.
 */
export function goVersionOf(goModText: string): string | undefined {
  for (const raw of goModText.split(/\r?\n/)) {
    // From the first `//` on (`[\s\S]`, not `.`: a match from there always succeeds, so the scan stays linear).
    const line = raw.replace(/\/\/[\s\S]*$/, '').trim();
    const m = /^go\s+"?(\d+)\.(\d+)(?:\.(\d+))?(?:(?:rc|beta)\d+)?"?$/.exec(line);
    if (m) return m[3] !== undefined ? `${m[1]}.${m[2]}.${m[3]}` : `${m[1]}.${m[2]}`;
  }
  return undefined;
}

/** Compares two Go versions (`1.17`, `1.22.3`): negative, zero or positive. Unparseable parts count as 0. */
export function compareGoVersions(a: string, b: string): number {
  const pa = a.split('.').map((x) => parseInt(x, 10) || 0);
  const pb = b.split('.').map((x) => parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
