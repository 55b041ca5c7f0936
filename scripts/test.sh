#!/usr/bin/env bash
# The PaaS.sh test command (README, CI): bash scripts/test.sh [step...]
#
# Runs named steps in order, prints each one's time, and stops at the first
# failure with the step's name. With arguments, runs only those steps (e.g.
# `bash scripts/test.sh unit`); `--list` prints the step names.
# Works from a clean clone on a fresh Debian 12 machine: the system step
# installs and starts what the tests need (root; otherwise it says what to run).
#
# Adding a step: write a step_<name> function below and add <name> to STEPS.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"
# shellcheck source=lib/ensure-system.sh
source "$REPO_ROOT/scripts/lib/ensure-system.sh"

STEPS=(system deps build lint unit integration odoo dockerdRestart webviews extension demo)

step_system() {
  paas_ensure_services
}

# npm ci when node_modules is missing or older than the lockfile (always, in a
# clean clone). better-sqlite3 builds from source: its prebuilt binaries come
# from GitHub, which CI cannot reach, so prebuild-install is told not to try.
# node-gyp needs node's headers: use the installed ones instead of a download.
step_deps() {
  if [[ -f node_modules/.package-lock.json && ! package-lock.json -nt node_modules/.package-lock.json ]]; then
    echo "node_modules is up to date with package-lock.json"
    return 0
  fi
  export npm_config_build_from_source=true
  if [[ -z "${npm_config_nodedir:-}" && -f /usr/include/node/node.h ]]; then
    export npm_config_nodedir=/usr
  fi
  npm ci --no-audit --no-fund
}

step_build() {
  npm run --silent build
}

step_lint() {
  if ! compgen -G 'eslint.config.*' >/dev/null; then
    echo "skipped: no eslint.config.* in the repository yet"
    return 0
  fi
  npm run --silent lint
}

step_unit() {
  npm run --silent test:unit
}

step_integration() {
  npm run --silent test:integration
}

# The Odoo conformance suite (agent/test/conformance): deploy, updates, rollback, backup, neutralized restore,
# zip export and import, asserted alike on any image. CI runs it on the stand-in; PAAS_TEST_ODOO_IMAGE names
# another (README: "Conformance with real Odoo").
step_odoo() {
  npm run --silent test:odoo
}

# The reconcile test that restarts the shared Docker engine, alone and after every other integration test (it
# takes the engine away for a few seconds; the integration step skips it because the variable is unset there).
step_dockerdRestart() {
  PAAS_TEST_DOCKERD_RESTART=1 npx mocha --no-config --timeout 240000 --reporter spec \
    --require scripts/out/src/testkit/cleanup.js agent/out/test/integration/deploy/zz-dockerdRestart.test.js
}

# The webview screens in headless Chromium against fixture data (screenshots in artifacts/screenshots/webviews).
step_webviews() {
  npx mocha --config .mocharc.webviews.json
}

# The extension's mocha suite inside VS Code's extension host (code-server 4.100.3 + headless Chromium, in a
# loopback-only network namespace) against a real agent; screenshots in artifacts/screenshots/.
step_extension() {
  bash scripts/vscode/install-code-server.sh
  node scripts/out/src/vscode/runExtensionTests.js
}

# The README's first command from this checkout: `bash scripts/up.sh` with its data in a temporary directory,
# its own ports and project code and the stand-in image, then checks the agent, the sample app, the .vsix
# installed in code-server and connected in its workbench, a second run reusing everything, and
# `bash scripts/down.sh` (scripts/test/demo/demo.test.ts; screenshots in artifacts/screenshots/demo-*).
step_demo() {
  bash scripts/vscode/install-code-server.sh
  npx mocha --config .mocharc.demo.json
}

# --- runner ------------------------------------------------------------------

declare -a TIMINGS=()

now_ms() {
  local t="${EPOCHREALTIME/./}" # bash 5: microseconds since the epoch
  echo $((t / 1000))
}

print_timings() {
  printf '\n%-14s %10s\n' step seconds
  local line
  for line in "${TIMINGS[@]}"; do printf '%-14s %10s\n' ${line}; done
}

run_step() {
  local name="$1" start rc=0
  printf '\n==> %s\n' "$name"
  start="$(now_ms)"
  "step_$name" || rc=$?
  local ms=$(($(now_ms) - start))
  local secs
  secs="$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
  TIMINGS+=("$name $secs")
  if ((rc != 0)); then
    printf '\n*** step "%s" FAILED (exit %d) after %ss\n' "$name" "$rc" "$secs" >&2
    print_timings >&2
    exit "$rc"
  fi
  printf '<== %s ok (%ss)\n' "$name" "$secs"
}

main() {
  local -a selected=("$@")
  if [[ "${1:-}" == "--list" ]]; then
    printf '%s\n' "${STEPS[@]}"
    return 0
  fi
  ((${#selected[@]})) || selected=("${STEPS[@]}")
  local name
  for name in "${selected[@]}"; do
    declare -F "step_$name" >/dev/null || { echo "unknown step: $name (steps: ${STEPS[*]})" >&2; exit 2; }
  done
  for name in "${selected[@]}"; do run_step "$name"; done
  print_timings
  printf '\nall steps passed\n'
}

main "$@"
