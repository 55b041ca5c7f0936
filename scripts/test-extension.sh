#!/usr/bin/env bash
# The extension's in-host integration tests on their own (scripts/test.sh runs them as its `extension`
# step): installs code-server and the Debian packages it needs (first run only), builds everything,
# starts a real agent with TLS on Docker + PostgreSQL, and runs the mocha suite inside VS Code's extension
# host (code-server 4.100.3 = VS Code 1.100.3, headless Chromium) in a loopback-only network namespace.
# Screenshots: artifacts/screenshots/; logs: artifacts/vscode/. Focus with PAAS_TEST_GREP='servers'.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/vscode/install-code-server.sh
npm run build --silent
node scripts/out/src/vscode/runExtensionTests.js
