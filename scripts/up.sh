#!/usr/bin/env bash
# The README's first command: brings the PaaS.sh demo up on this machine.
#   bash scripts/up.sh
# Installs what is missing (Debian packages as root, npm dependencies), builds, starts the Docker engine,
# PostgreSQL and the agent on its embedded defaults (SQLite in .data/agent, loopback, TLS, the local
# PostgreSQL as its database server), makes the first owner (owner@demo.local) and their organization,
# a sample Git repository of Odoo addons (.data/sample-repo.git; clone in .data/sample-repo), the "Demo"
# project on it, and deploys its feature/demo branch as a Development app: on the official odoo:17.0
# image when it can be pulled, else on the offline stand-in built here. Then VS Code with the extension
# installed and connected: desktop `code` when on the PATH, otherwise code-server on 127.0.0.1:8080.
# Running it again reuses what exists. `bash scripts/down.sh` stops everything and keeps the data.
#
# Environment: PAAS_DEMO_DIR (default .data), PAAS_AGENT_PORT (7443), PAAS_DEMO_CODE_PORT (8080),
# PAAS_DEMO_EDITOR=code-server (never desktop code), PAAS_DEMO_IMAGE=standin (skip the pull),
# PAAS_DEMO_PROJECT_CODE (demo), PAAS_DEMO_NO_EDITOR=1 (agent and app only).
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"
# shellcheck source=lib/ensure-system.sh
source "$REPO_ROOT/scripts/lib/ensure-system.sh"
# shellcheck source=lib/agent-daemon.sh
source "$REPO_ROOT/scripts/lib/agent-daemon.sh"
# shellcheck source=lib/demo.sh
source "$REPO_ROOT/scripts/lib/demo.sh"
# shellcheck source=lib/editor.sh
source "$REPO_ROOT/scripts/lib/editor.sh"

print_summary() {
  local editor
  if [[ -n "${PAAS_DEMO_NO_EDITOR:-}" ]]; then
    editor="not started (PAAS_DEMO_NO_EDITOR)"
  elif [[ "$(paas_editor_kind)" == code ]]; then
    editor="desktop VS Code, opened on $PAAS_DEMO_WORKSPACE"
  else
    editor="http://127.0.0.1:$PAAS_DEMO_CODE_PORT/?folder=$PAAS_DEMO_WORKSPACE  (code-server, pid $(paas_code_server_pid))"
  fi
  paas_agent_print_summary
  cat <<SUMMARY

The demo:
  Project      $(paas_demo_state projectName), registry file://$PAAS_DEMO_REGISTRY (branches main, $PAAS_DEMO_BRANCH)
  App          $(paas_demo_state appName) (Development): $(paas_demo_state state) at $(paas_demo_state url)
  Odoo image   $(paas_demo_state baseImage)
  VS Code      $editor
               the PaaS.sh extension is installed and connects to the agent when its view is first opened
  Workspace    $PAAS_DEMO_WORKSPACE (a clone on $PAAS_DEMO_BRANCH: "PaaS: Deploy Current Branch" deploys it)
Connect again (another browser or machine; the one-time bootstrap is used up):
  node agent/bin/paas-agent token create --name <device> --user <your email> --data-dir $PAAS_DEMO_DIR/agent
  then "PaaS: Add Server…" with wss://127.0.0.1:$PAAS_AGENT_PORT, that token, and the certificate above
Stop everything (data kept in $PAAS_DEMO_DIR): bash scripts/down.sh
SUMMARY
}

paas_ensure_services
bash scripts/test.sh deps build
paas_agent_start
paas_demo_sample_repo
paas_demo_deploy
[[ -n "${PAAS_DEMO_NO_EDITOR:-}" ]] || paas_editor_open
print_summary
