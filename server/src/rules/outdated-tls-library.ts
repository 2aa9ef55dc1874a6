// Rule metadata and user documentation: a dependency pins or allows a TLS library version with a
// known TLS-relevant advisory, or a runtime/base image past its end of life.
import type { Rule } from '../engine/types';

export const rule: Rule = {
  id: 'outdated-tls-library',
  cwe: 1104,
  defaultSeverity: 'warning',
  summary:
    'A manifest, lock file, toolchain pin or base image uses a TLS/X.509 library version with a known TLS advisory, or one past its end of life.',
  docs: {
    whatItDoes:
      "Reads dependency manifests and lock files (`requirements*.txt`, `constraints*.txt`, `Pipfile.lock`, `poetry.lock`, `uv.lock`, `pyproject.toml`, `package-lock.json`, `npm-shrinkwrap.json`, `yarn.lock`, `pnpm-lock.yaml`, `package.json` `engines.node`, `.nvmrc`, `go.mod`, `Cargo.lock`, `pom.xml`, `gradle.lockfile`) and Dockerfile `FROM` lines, and reports a TLS or X.509 library (pyOpenSSL, cryptography, urllib3, certifi, node-forge, the openssl/rustls/webpki crates, BouncyCastle, Go's `crypto/tls` and `crypto/x509` through the `go`/`toolchain` lines, `golang.org/x/crypto`) whose version has a TLS-relevant advisory in the advisory table that ships with tlslint, or a Node.js release or base image past its end of life. Each finding names the package, the version found, the advisory ids with one-line summaries and the first fixed version in the same release line. The finding sits on the version text, on the manifest line that pins it.\n\n" +
      '**Ranges.** A range (`cryptography>=1.25,<2`, Poetry `^41.0`, `engines.node: ">=16"`, `go 1.22`) is reported when it *allows* a vulnerable or end-of-life version, even if newer versions it allows are fixed: the range is what a fresh install may resolve to. Raise the lower bound to the fixed version named in the message.\n\n' +
      "**Distribution builds.** Distribution packages are not upstream builds: Debian's `openssl 3.0.x` carries backported fixes long after upstream's end of life. tlslint never judges a distribution package (`apt-get install openssl=...`, `apk add openssl=...`) from upstream advisories or dates; it reports the base image when the distribution release itself is past its security support (Debian, Ubuntu, Alpine), or a language image (node, python, golang) whose release line is past its end of life.\n\n" +
      "**The table.** The advisory table is built from public advisory databases (pypa/advisory-database, rustsec/advisory-db, golang/vulndb, OpenSSL's release-metadata, endoflife.date and selected GitHub advisories) and ships with tlslint; nothing is fetched at run time. When the table is more than six months old, the CLI (once per project folder) and the editor's workspace scan (once per workspace folder) say so at information level, on the folder's first file with an outdated-tls-library finding.",
    whyIsThisBad:
      'A TLS library with a known flaw in certificate parsing, chain building or hostname checks undoes every correct setting in the code around it, and an end-of-life runtime or image receives no fixes at all. These are the advisories an attacker reads first.',
    howToFix:
      'Upgrade to the fixed version named in the finding (the quick fix rewrites a pinned version; it is marked unsafe because upgrades can break), then regenerate the lock file (`pip-compile`, `poetry lock`, `uv lock`, `npm update <pkg>`, `yarn up`, `pnpm update`, `cargo update -p <crate>`, `go get`, `gradle --write-locks`). For an end-of-life base image or Node.js release, move to a supported line.',
    whenNotToUseIt:
      'Vendored or pinned test fixtures that are never installed, and images whose vendor provides extended support that the public end-of-life dates do not show (turn the rule off for those paths).',
    references: [
      'https://cwe.mitre.org/data/definitions/1104.html',
      'https://osv.dev/',
      'https://rustsec.org/',
      'https://pkg.go.dev/vuln/',
      'https://openssl-library.org/news/vulnerabilities/',
      'https://endoflife.date/',
    ],
  },
};
