#!/usr/bin/env bash
# Stops what scripts/up.sh started: the demo app (its container; the agent keeps its database and
# filestore), code-server, then the agent. Everything in .data/ is kept for the next `bash scripts/up.sh`;
# the Docker engine and PostgreSQL keep running (other software may use them).
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib/agent-daemon.sh
source "$REPO_ROOT/scripts/lib/agent-daemon.sh"
# shellcheck source=lib/demo.sh
source "$REPO_ROOT/scripts/lib/demo.sh"
# shellcheck source=lib/editor.sh
source "$REPO_ROOT/scripts/lib/editor.sh"
paas_demo_stop_app || echo "[down] the demo app could not be stopped; stopping the rest" >&2
paas_code_server_stop
paas_agent_stop
