#!/usr/bin/env bash
# The README's first command: brings PaaS.sh up on this machine.
#   bash scripts/up.sh
# Installs what is missing (Debian packages as root, npm dependencies), builds, starts the Docker engine,
# PostgreSQL and the agent on its embedded defaults (SQLite in .data/agent, loopback, TLS), and prints the
# agent URL, its certificate fingerprint and an owner token. Running it again reuses what exists.
# `bash scripts/down.sh` stops the agent and keeps its data for next time.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"
# shellcheck source=lib/ensure-system.sh
source "$REPO_ROOT/scripts/lib/ensure-system.sh"
# shellcheck source=lib/agent-daemon.sh
source "$REPO_ROOT/scripts/lib/agent-daemon.sh"

paas_ensure_services
bash scripts/test.sh deps build
paas_agent_start
paas_agent_print_summary
