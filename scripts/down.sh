#!/usr/bin/env bash
# Stops the agent started by scripts/up.sh. Its data directory (.data/agent) is kept for next time;
# the Docker engine and PostgreSQL keep running (other software may use them).
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib/agent-daemon.sh
source "$REPO_ROOT/scripts/lib/agent-daemon.sh"
paas_agent_stop
