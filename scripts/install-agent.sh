#!/usr/bin/env bash
# Installs paas-agent from this checkout on a Linux server as the systemd service paas-agent.service:
#   sudo bash scripts/install-agent.sh --owner-email you@example.com --owner-name "Your Name" [--listen 0.0.0.0:7443]
# Installs the Debian packages the agent needs, builds it, copies it with its production dependencies into
# the prefix, creates the service account (in the docker group), writes the config and the unit, makes the
# first owner once (printing their token only then), prints the certificate fingerprint and, when systemd
# runs, enables and (re)starts the service. Running it again changes only what differs and says so; from a
# newer checkout it is the upgrade (the store migrates when the agent starts).
#   sudo bash scripts/install-agent.sh --uninstall [--purge]
# removes the service, the prefix and the account; the data directory and config stay unless --purge.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
# shellcheck source=lib/ensure-system.sh
source "$REPO_ROOT/scripts/lib/ensure-system.sh"
# shellcheck source=lib/agent-prefix.sh
source "$REPO_ROOT/scripts/lib/agent-prefix.sh"
# shellcheck source=lib/agent-service.sh
source "$REPO_ROOT/scripts/lib/agent-service.sh"

UNIT_NAME=paas-agent.service
PREFIX=/opt/paas-agent
DATA_DIR=/var/lib/paas-agent
CONFIG=/etc/paas-agent/config.json
SYSTEMD_DIR=/etc/systemd/system
SERVICE_USER=paas-agent
LISTEN_HOST='' LISTEN_PORT='' OWNER_EMAIL='' OWNER_NAME=''
UNINSTALL=false PURGE=false START=true
STORAGE_PATHS=()
CHANGES=()

usage() {
  cat <<'USAGE'
usage: install-agent.sh [options]          install or update paas-agent (root)
       install-agent.sh --uninstall [--purge]

  --owner-email EMAIL, --owner-name NAME  the first owner (needed until one exists; their token is printed once)
  --listen HOST:PORT     listen address written to the config ([::]:7443 for IPv6; default: the agent's, 127.0.0.1:7443)
  --storage-path DIR     a local backup storage directory the service may write (repeatable; created)
  --prefix DIR           where the agent is copied (default /opt/paas-agent)
  --data-dir DIR         the agent's data directory (default /var/lib/paas-agent)
  --config FILE          the config file (default /etc/paas-agent/config.json)
  --user NAME            the service account (default paas-agent)
  --systemd-dir DIR      where the unit is written (default /etc/systemd/system)
  --no-start             do not touch systemctl: no enable, start or stop (image builds, tests)
  --uninstall            stop and remove the service, the prefix and the account; keep data and config
  --purge                with --uninstall: remove the data directory and the config too
USAGE
}

die() {
  printf 'install-agent: %s\n' "$*" >&2
  exit 2
}
say() { printf '[install-agent] %s\n' "$*" >&2; }

# Records what a step did from its status: 0 changed (with this message), 3 unchanged, else fail.
track() {
  local message="$1" status=0
  shift
  "$@" || status=$?
  case "$status" in
    0) CHANGES+=("$message") && say "$message" ;;
    3) ;;
    *) die "failed: $message" ;;
  esac
}

# An absolute path made only of characters that need no quoting in a unit file.
checked_path() {
  local value="$1" flag="$2"
  [[ "$value" =~ ^/[A-Za-z0-9._/@+-]*$ && "$value" != *..* ]] ||
    die "$flag must be an absolute path of letters, digits and ._/@+- (got \"$value\")"
  realpath -m "$value"
}

parse_listen() {
  if [[ "$1" =~ ^\[([0-9A-Fa-f:.]+)\]:([0-9]{1,5})$ || "$1" =~ ^([A-Za-z0-9.-]+):([0-9]{1,5})$ ]]; then
    LISTEN_HOST="${BASH_REMATCH[1]}" LISTEN_PORT="${BASH_REMATCH[2]}"
    ((10#$LISTEN_PORT <= 65535)) || die "--listen port must be 0–65535"
    LISTEN_PORT=$((10#$LISTEN_PORT))
  else
    die "--listen must be HOST:PORT or [IPv6]:PORT (got \"$1\")"
  fi
}

parse_args() {
  while (($#)); do
    case "$1" in
      --prefix | --data-dir | --config | --systemd-dir | --storage-path | --listen | --owner-email | --owner-name | --user)
        (($# >= 2)) || die "$1 needs a value"
        case "$1" in
          --prefix) PREFIX="$(checked_path "$2" "$1")" ;;
          --data-dir) DATA_DIR="$(checked_path "$2" "$1")" ;;
          --config) CONFIG="$(checked_path "$2" "$1")" ;;
          --systemd-dir) SYSTEMD_DIR="$(checked_path "$2" "$1")" ;;
          --storage-path) STORAGE_PATHS+=("$(checked_path "$2" "$1")") ;;
          --listen) parse_listen "$2" ;;
          --owner-email) OWNER_EMAIL="$2" ;;
          --owner-name) OWNER_NAME="$2" ;;
          --user)
            [[ "$2" =~ ^[a-z_][a-z0-9_-]{0,30}$ ]] || die "--user must be a user name ([a-z_][a-z0-9_-]*)"
            SERVICE_USER="$2"
            ;;
        esac
        shift 2
        ;;
      --uninstall) UNINSTALL=true && shift ;;
      --purge) PURGE=true && shift ;;
      --no-start) START=false && shift ;;
      -h | --help) usage && exit 0 ;;
      *) usage >&2 && die "unknown argument: $1" ;;
    esac
  done
  if $PURGE && ! $UNINSTALL; then die "--purge goes with --uninstall"; fi
  if [[ -n "$OWNER_EMAIL" && -z "$OWNER_NAME" ]] || [[ -z "$OWNER_EMAIL" && -n "$OWNER_NAME" ]]; then
    die "give --owner-email and --owner-name together"
  fi
}

# A data directory the installer may hand to the service (or purge): missing, empty, or an agent's.
data_dir_usable() {
  [[ ! -e "$DATA_DIR" ]] || [[ -f "$DATA_DIR/agent.sqlite" ]] || [[ -d "$DATA_DIR" && -z "$(ls -A "$DATA_DIR")" ]]
}

# Runs the installed CLI as the service account with a clean environment (no PAAS_AGENT_* of the caller).
as_agent() {
  (cd / && runuser -u "$SERVICE_USER" -- env -i PATH=/usr/local/bin:/usr/bin:/bin HOME="$DATA_DIR" \
    "$NODE" "$PREFIX/agent/bin/paas-agent" "$@" --config "$CONFIG")
}

# shellcheck source=lib/install-agent-steps.sh
source "$REPO_ROOT/scripts/lib/install-agent-steps.sh"

main() {
  parse_args "$@"
  [[ "$(id -u)" == 0 ]] || die "run as root (it creates a system user and writes $SYSTEMD_DIR)"
  if $UNINSTALL; then
    uninstall_agent
  else
    install_agent
  fi
}

main "$@"
