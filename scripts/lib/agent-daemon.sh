#!/usr/bin/env bash
# Starts and stops a local agent for the demo: data in .data/agent, log in .data/agent.log, pid in
# .data/agent.pid, config in .data/agent-config.json, the first owner's token in .data/owner-token (mode
# 0600). PAAS_DEMO_DIR and PAAS_AGENT_PORT move it (the demo test does). Source it; every function returns
# non-zero on failure instead of exiting the caller's shell.

PAAS_REPO_ROOT="${PAAS_REPO_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
PAAS_DEMO_DIR="${PAAS_DEMO_DIR:-$PAAS_REPO_ROOT/.data}"
PAAS_AGENT_PORT="${PAAS_AGENT_PORT:-7443}"
PAAS_AGENT_CLI=(node "$PAAS_REPO_ROOT/agent/bin/paas-agent")

paas_agent_pid() {
  local pid
  pid=$(cat "$PAAS_DEMO_DIR/agent.pid" 2>/dev/null) || return 1
  kill -0 "$pid" 2>/dev/null && echo "$pid"
}

# Waits until the agent's /healthz answers (it serves TLS with its own certificate).
paas_agent_wait_healthy() {
  node -e '
    const https = require("https");
    const deadline = Date.now() + 20000;
    const attempt = () => https.get({ host: "127.0.0.1", port: Number(process.argv[1]), path: "/healthz", rejectUnauthorized: false },
      (r) => process.exit(r.statusCode === 200 ? 0 : 1)).on("error", () => Date.now() < deadline ? setTimeout(attempt, 200) : process.exit(1));
    attempt();' "$PAAS_AGENT_PORT"
}

# The agent's config: the local PostgreSQL (as ensure-system.sh exported it) as its default database
# server. The admin password stays in its own file; the config only names it. Returns 3 when the file
# changed (a running agent must restart to read it).
paas_agent_write_config() {
  [[ -n "${PAAS_PG_ADMIN_PASSWORD_FILE:-}" ]] || {
    echo "[up] PostgreSQL settings missing: run paas_ensure_services first" >&2
    return 1
  }
  node -e '
    const [file, host, port, adminUser, adminPasswordFile] = process.argv.slice(1);
    const config = { defaultDatabaseServer: { host, port: Number(port), adminUser, adminPasswordFile } };
    require("fs").writeFileSync(file, JSON.stringify(config, null, 2) + "\n", { mode: 0o600 });' \
    "$PAAS_DEMO_DIR/agent-config.json.new" "$PAAS_PG_HOST" "$PAAS_PG_PORT" "$PAAS_PG_ADMIN_USER" \
    "$PAAS_PG_ADMIN_PASSWORD_FILE" || return 1
  if cmp -s "$PAAS_DEMO_DIR/agent-config.json.new" "$PAAS_DEMO_DIR/agent-config.json"; then
    rm -f "$PAAS_DEMO_DIR/agent-config.json.new"
    return 0
  fi
  mv "$PAAS_DEMO_DIR/agent-config.json.new" "$PAAS_DEMO_DIR/agent-config.json"
  return 3
}

# The first owner and their organization, once; their token is kept for the demo's own use.
paas_agent_init_owner() {
  [[ -s "$PAAS_DEMO_DIR/owner-token" ]] && return 0
  (umask 077 && "${PAAS_AGENT_CLI[@]}" init --data-dir "$PAAS_DEMO_DIR/agent" \
    --email owner@demo.local --name "Demo Owner" --token-name demo-owner >"$PAAS_DEMO_DIR/owner-token.new") || {
    rm -f "$PAAS_DEMO_DIR/owner-token.new"
    echo "[up] could not make the first owner; if $PAAS_DEMO_DIR/agent has one already, make a token with:" >&2
    echo "     node agent/bin/paas-agent token create --data-dir $PAAS_DEMO_DIR/agent --name demo --user <owner email>" >&2
    echo "     and put it in $PAAS_DEMO_DIR/owner-token (mode 0600)" >&2
    return 1
  }
  mv "$PAAS_DEMO_DIR/owner-token.new" "$PAAS_DEMO_DIR/owner-token"
}

paas_agent_start() {
  mkdir -p "$PAAS_DEMO_DIR"
  chmod 700 "$PAAS_DEMO_DIR"
  local rc=0
  paas_agent_write_config || rc=$?
  if ((rc == 3)) && paas_agent_pid >/dev/null; then
    echo "[up] the agent's config changed: restarting it"
    paas_agent_stop || return 1
  elif ((rc != 0 && rc != 3)); then
    return 1
  fi
  paas_agent_init_owner || return 1
  if paas_agent_pid >/dev/null; then
    echo "[up] agent already running (pid $(paas_agent_pid))"
    return 0
  fi
  PAAS_AGENT_CONFIG="$PAAS_DEMO_DIR/agent-config.json" PAAS_AGENT_DATA_DIR="$PAAS_DEMO_DIR/agent" \
    PAAS_AGENT_PORT="$PAAS_AGENT_PORT" \
    setsid nohup "${PAAS_AGENT_CLI[@]}" serve >>"$PAAS_DEMO_DIR/agent.log" 2>&1 </dev/null &
  echo $! >"$PAAS_DEMO_DIR/agent.pid"
  if ! paas_agent_wait_healthy; then
    echo "[up] the agent did not become healthy; last log lines:" >&2
    tail -20 "$PAAS_DEMO_DIR/agent.log" >&2
    return 1
  fi
}

paas_agent_print_summary() {
  local fingerprint
  fingerprint=$("${PAAS_AGENT_CLI[@]}" fingerprint --data-dir "$PAAS_DEMO_DIR/agent")
  cat <<SUMMARY

PaaS.sh agent is up (pid $(paas_agent_pid)).
  URL          wss://127.0.0.1:$PAAS_AGENT_PORT
  Certificate  SHA-256 $fingerprint
  Owner token  $(cat "$PAAS_DEMO_DIR/owner-token")
               (kept in $PAAS_DEMO_DIR/owner-token, mode 0600: treat it like a password)
  Log          $PAAS_DEMO_DIR/agent.log
SUMMARY
}

# SIGTERM to `target` (default the pid; `-<pid>` for its whole process group), then waits up to 5 s for
# the pid to exit.
paas_terminate() {
  local pid="$1" target="${2:-$1}"
  kill -TERM -- "$target" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
}

paas_agent_stop() {
  local pid
  if ! pid=$(paas_agent_pid); then
    echo "[down] agent not running"
    return 0
  fi
  paas_terminate "$pid"
  rm -f "$PAAS_DEMO_DIR/agent.pid"
  echo "[down] agent stopped; data kept in $PAAS_DEMO_DIR"
}
