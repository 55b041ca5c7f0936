#!/usr/bin/env bash
# VS Code for the demo, with the extension installed and connected to the local agent: desktop `code` when
# it is on the PATH, otherwise code-server on 127.0.0.1:$PAAS_DEMO_CODE_PORT (default 8080), run from
# .cache/code-server with its state in .data/code-server. PAAS_DEMO_EDITOR=code-server forces the latter.
# The extension learns the server from a one-time bootstrap file (PAAS_BOOTSTRAP_FILE, mode 0600: URL,
# certificate fingerprint, token) that it deletes as it reads it. Needs agent-daemon.sh and demo.sh.

PAAS_DEMO_CODE_PORT="${PAAS_DEMO_CODE_PORT:-8080}"
PAAS_CODE_SERVER_DIR="${PAAS_CODE_SERVER_DIR:-$PAAS_REPO_ROOT/.cache/code-server}"
PAAS_DEMO_CODE_DIR="$PAAS_DEMO_DIR/code-server"
PAAS_DEMO_BOOTSTRAP="$PAAS_DEMO_DIR/vscode-bootstrap.json"

paas_vsix_path() {
  local version
  version="$(node -p "require('$PAAS_REPO_ROOT/extension/package.json').version")" || return 1
  echo "$PAAS_REPO_ROOT/extension/paas-sh-$version.vsix"
}

# `npm run package` unless the .vsix is newer than every extension source.
paas_vsix_build() {
  local vsix
  vsix="$(paas_vsix_path)" || return 1
  if [[ -f "$vsix" ]] && [[ -z "$(find "$PAAS_REPO_ROOT/extension/src" "$PAAS_REPO_ROOT/extension/package.json" \
    "$PAAS_REPO_ROOT/protocol/src" -newer "$vsix" -print -quit)" ]]; then
    return 0
  fi
  (cd "$PAAS_REPO_ROOT" && npm run --silent package >"$PAAS_DEMO_DIR/package.log" 2>&1) || {
    tail -20 "$PAAS_DEMO_DIR/package.log" >&2
    return 1
  }
}

paas_editor_write_bootstrap() {
  local fingerprint
  fingerprint="$("${PAAS_AGENT_CLI[@]}" fingerprint --data-dir "$PAAS_DEMO_DIR/agent")" || return 1
  (umask 077 && node -e '
    const [file, url, fingerprint, tokenFile] = process.argv.slice(1);
    const token = require("fs").readFileSync(tokenFile, "utf8").trim();
    require("fs").writeFileSync(file, JSON.stringify({ url, fingerprint, token, name: "Demo agent" }), { mode: 0o600 });' \
    "$PAAS_DEMO_BOOTSTRAP" "wss://127.0.0.1:$PAAS_AGENT_PORT" "$fingerprint" "$PAAS_DEMO_DIR/owner-token")
}

paas_code_server_pid() {
  local pid
  pid=$(cat "$PAAS_DEMO_DIR/code-server.pid" 2>/dev/null) || return 1
  kill -0 "$pid" 2>/dev/null && echo "$pid"
}

# code-server with the demo's own user data and extensions.
paas_code_server_command() {
  PAAS_CODE_SERVER_COMMAND=(node "$PAAS_CODE_SERVER_DIR/node_modules/code-server/out/node/entry.js"
    --user-data-dir "$PAAS_DEMO_CODE_DIR/user-data" --extensions-dir "$PAAS_DEMO_CODE_DIR/extensions")
}

paas_code_server_wait() {
  node -e '
    const deadline = Date.now() + 60000;
    const attempt = () => require("http").get(`http://127.0.0.1:${process.argv[1]}/healthz`,
      (r) => process.exit(r.statusCode === 200 ? 0 : 1)).on("error", () => Date.now() < deadline ? setTimeout(attempt, 250) : process.exit(1));
    attempt();' "$PAAS_DEMO_CODE_PORT"
}

# Quiet defaults for a first start: no welcome page, walkthroughs, telemetry or update checks.
paas_code_server_settings() {
  local settings="$PAAS_DEMO_CODE_DIR/user-data/User/settings.json"
  [[ -f "$settings" ]] && return 0
  mkdir -p "$(dirname "$settings")" || return 1
  cat >"$settings" <<'JSON'
{
  "workbench.startupEditor": "none",
  "workbench.welcomePage.walkthroughs.openOnInstall": false,
  "telemetry.telemetryLevel": "off",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "update.mode": "none"
}
JSON
}

paas_code_server_start() {
  bash "$PAAS_REPO_ROOT/scripts/vscode/install-code-server.sh" || return 1
  mkdir -p "$PAAS_DEMO_CODE_DIR" && paas_code_server_settings || return 1
  paas_code_server_command
  "${PAAS_CODE_SERVER_COMMAND[@]}" --install-extension "$(paas_vsix_path)" --force >"$PAAS_DEMO_CODE_DIR/install.log" 2>&1 || {
    cat "$PAAS_DEMO_CODE_DIR/install.log" >&2
    return 1
  }
  if paas_code_server_pid >/dev/null; then
    echo "[up] code-server already running (pid $(paas_code_server_pid)); reload its window for a new extension build"
    return 0
  fi
  paas_editor_write_bootstrap || return 1
  : >"$PAAS_DEMO_CODE_DIR/config.yaml"
  PAAS_BOOTSTRAP_FILE="$PAAS_DEMO_BOOTSTRAP" setsid nohup "${PAAS_CODE_SERVER_COMMAND[@]}" \
    --auth none --bind-addr "127.0.0.1:$PAAS_DEMO_CODE_PORT" --config "$PAAS_DEMO_CODE_DIR/config.yaml" \
    --disable-telemetry --disable-update-check --disable-workspace-trust --disable-getting-started-override \
    "$PAAS_DEMO_WORKSPACE" >>"$PAAS_DEMO_DIR/code-server.log" 2>&1 </dev/null &
  echo $! >"$PAAS_DEMO_DIR/code-server.pid"
  paas_code_server_wait || {
    echo "[up] code-server did not answer on 127.0.0.1:$PAAS_DEMO_CODE_PORT; last log lines:" >&2
    tail -20 "$PAAS_DEMO_DIR/code-server.log" >&2
    return 1
  }
}

# Desktop VS Code: installs the .vsix and opens the sample clone; the new window reads the bootstrap file.
paas_code_desktop_open() {
  code --install-extension "$(paas_vsix_path)" --force >/dev/null || return 1
  paas_editor_write_bootstrap || return 1
  PAAS_BOOTSTRAP_FILE="$PAAS_DEMO_BOOTSTRAP" code "$PAAS_DEMO_WORKSPACE"
}

# Prints "code" or "code-server": what paas_editor_open uses.
paas_editor_kind() {
  if [[ "${PAAS_DEMO_EDITOR:-}" != code-server ]] && command -v code >/dev/null; then echo code; else echo code-server; fi
}

paas_editor_open() {
  paas_vsix_build || return 1
  if [[ "$(paas_editor_kind)" == code ]]; then paas_code_desktop_open; else paas_code_server_start; fi
}

paas_code_server_stop() {
  local pid
  pid=$(paas_code_server_pid) || return 0
  # Its own process group (setsid): the extension host and file watcher go with it.
  paas_terminate "$pid" "-$pid"
  rm -f "$PAAS_DEMO_DIR/code-server.pid"
  echo "[down] code-server stopped"
}
