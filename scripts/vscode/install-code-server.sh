#!/usr/bin/env bash
# Installs code-server (VS Code's server build with a web workbench) into .cache/code-server, offline but
# for the npm registry. 4.100.3 = VS Code 1.100.3, the newest code-server whose engines.node accepts Node 20;
# keep it equal to the extension's engines.vscode ceiling. Idempotent: does nothing when it is installed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CS_VERSION="${PAAS_CODE_SERVER_VERSION:-4.100.3}"
CS_DIR="${PAAS_CODE_SERVER_DIR:-$ROOT/.cache/code-server}"
BIN="$CS_DIR/node_modules/code-server/out/node/entry.js"

if [ -f "$BIN" ] && [ "$(node -p "require('$CS_DIR/node_modules/code-server/package.json').version")" = "$CS_VERSION" ]; then
  exit 0
fi

# Debian packages: the browser, ripgrep (stands in for @vscode/ripgrep's GitHub download) and the
# Kerberos headers the `kerberos` module compiles against.
missing=()
for pkg in chromium ripgrep libkrb5-dev build-essential python3; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

mkdir -p "$CS_DIR/tmp"
# @vscode/ripgrep's postinstall downloads rg from GitHub unless its cache already holds the tarball.
RG_CACHE="$CS_DIR/tmp/vscode-ripgrep-cache-1.15.11"
mkdir -p "$RG_CACHE" "$CS_DIR/tmp/rg"
cp /usr/bin/rg "$CS_DIR/tmp/rg/rg"
tar -C "$CS_DIR/tmp/rg" -czf "$RG_CACHE/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" rg

cd "$CS_DIR"
[ -f package.json ] || echo '{"name":"paas-code-server","private":true}' > package.json
echo "installing code-server@$CS_VERSION into $CS_DIR (about a minute)…"
# npm_config_yes: node-pty's postinstall runs `npx node-gyp` and must not prompt.
# npm_config_build_from_source: argon2 and kerberos compile instead of fetching prebuilds from GitHub.
# --unsafe-perm: as root, code-server's own postinstall would otherwise run as nobody.
if ! TMPDIR="$CS_DIR/tmp" npm_config_yes=true npm_config_build_from_source=true \
  npm install --unsafe-perm --foreground-scripts --no-audit --no-fund --no-save "code-server@$CS_VERSION" \
  > "$CS_DIR/install.log" 2>&1; then
  tail -40 "$CS_DIR/install.log"
  exit 1
fi
XDG_CONFIG_HOME="$CS_DIR/tmp" XDG_DATA_HOME="$CS_DIR/tmp" node "$BIN" --version | head -1
