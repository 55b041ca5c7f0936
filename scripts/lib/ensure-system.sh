#!/usr/bin/env bash
# Brings up what PaaS.sh and its tests need on a Debian 12 machine: the Debian
# packages, a Docker engine (dockerd) and the local PostgreSQL cluster with an
# admin role the agent can use.
#
# Source it, then call paas_ensure_services (or one of the paas_* steps):
#   source scripts/lib/ensure-system.sh && paas_ensure_services
# Running it directly does the same.
#
# Safe under `set -euo pipefail`; every function returns non-zero (never exits
# the caller's shell itself) so an interactive shell that sourced it survives.
# Functions check each step explicitly (`|| return`): a caller's `f || rc=$?`
# turns `set -e` off inside f.
# Machines have no systemd, so daemons are started by hand.

# The repository root, derived from this file's location (no absolute paths).
PAAS_REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PAAS_CACHE_DIR="${PAAS_REPO_ROOT}/.cache" # gitignored

# Packages the product itself needs on a server:
#   docker.io + iptables   the engine (iptables is only a Recommends of docker.io,
#                          and we install without recommends; dockerd needs it for
#                          port publishing)
#   postgresql             the database server, pg_dump/pg_restore for backups
#   git + openssh-client + ca-certificates
#                          the agent clones project repositories over ssh or https
#                          (both only Recommends of git)
#   zstd                   backup compression (Node 20's zlib has no zstd)
#   build-essential + python3
#                          npm builds better-sqlite3 from source: its prebuilt
#                          binaries are downloaded from GitHub, which is unreachable
#   ansible-core           runners: the agent runs project playbooks with ansible-playbook
#                          (the agent installer and the test setup both install this list)
PAAS_PACKAGES_PRODUCT=(docker.io iptables postgresql git openssh-client ca-certificates zstd build-essential python3
  ansible-core)
# Packages only the test suite needs: the extension tests run VS Code (code-server)
# whose search needs a system ripgrep (@vscode/ripgrep downloads from GitHub), and
# drive webviews with a headless chromium; the installer test checks the unit with
# systemd-analyze (the package, not systemd running as init); the SFTP storage and
# private-repository tests start their own sshd (openssh-server, never as a service);
# the metrics tests build a tiny image FROM scratch around the static /bin/busybox.
PAAS_PACKAGES_TEST=(chromium ripgrep systemd openssh-server busybox-static)
# Left out on purpose: curl (node pings the docker socket), libkrb5-dev (nothing uses it yet). Later steps can add
# packages with PAAS_EXTRA_PACKAGES="pkg1 pkg2".

paas_log() { printf '[ensure-system] %s\n' "$*" >&2; }

# Installs the missing packages with apt, or tells a non-root user what to run.
# `paas_ensure_packages product` leaves out the test packages (a server install).
# Fast path: one dpkg-query call when everything is present.
paas_ensure_packages() {
  local -a wanted=("${PAAS_PACKAGES_PRODUCT[@]}")
  [[ "${1:-}" == product ]] || wanted+=("${PAAS_PACKAGES_TEST[@]}")
  # shellcheck disable=SC2206 # word splitting is the intent
  [[ -n "${PAAS_EXTRA_PACKAGES:-}" ]] && wanted+=(${PAAS_EXTRA_PACKAGES})
  local -a missing=()
  local pkg status
  declare -A installed=()
  # dpkg-query exits 1 when a package is unknown to dpkg; its output is still
  # complete for the known ones, so the status is read from the output only.
  while read -r pkg status; do
    [[ "$status" == "installed" ]] && installed["$pkg"]=1
  done < <(dpkg-query -W -f='${Package} ${db:Status-Status}\n' "${wanted[@]}" 2>/dev/null || true)
  for pkg in "${wanted[@]}"; do
    [[ -n "${installed[$pkg]:-}" ]] || missing+=("$pkg")
  done
  if ((${#missing[@]} == 0)); then
    return 0
  fi
  local install_args=(install -y --no-install-recommends --no-upgrade "${missing[@]}")
  if [[ "$(id -u)" != 0 ]]; then
    paas_log "missing Debian packages: ${missing[*]}"
    paas_log "run: sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get ${install_args[*]}"
    return 1
  fi
  paas_log "installing: ${missing[*]}"
  apt-get update -qq || return 1
  DEBIAN_FRONTEND=noninteractive apt-get -qq "${install_args[@]}" >/dev/null
}

# True when the engine answers GET /_ping on its socket. Uses node because it is
# always present here (curl is not a dependency), and `docker version` may be a
# newer client-only binary in /usr/local/bin that says little about the engine.
paas_docker_ping() {
  node -e '
    const req = require("http").get(
      { socketPath: "/var/run/docker.sock", path: "/_ping", timeout: 2000 },
      (res) => process.exit(res.statusCode === 200 ? 0 : 1));
    req.on("error", () => process.exit(1));
    req.on("timeout", () => process.exit(1));' 2>/dev/null
}

paas_start_dockerd() {
  paas_docker_ping && return 0
  if [[ "$(id -u)" != 0 ]]; then
    paas_log "the Docker engine is not running and only root can start it (sudo dockerd)"
    return 1
  fi
  command -v dockerd >/dev/null || { paas_log "dockerd not found: run paas_ensure_packages"; return 1; }
  # A pid file left by a killed engine makes dockerd refuse to start.
  if [[ -f /var/run/docker.pid ]]; then
    local pid
    pid="$(cat /var/run/docker.pid)"
    if [[ -z "$pid" ]] || ! kill -0 "$pid" 2>/dev/null; then
      rm -f /var/run/docker.pid
    fi
  fi
  mkdir -p "$PAAS_CACHE_DIR" || return 1
  local log="$PAAS_CACHE_DIR/dockerd.log"
  paas_log "starting dockerd (log: $log)"
  # setsid + nohup: the engine must outlive this shell and the CI step.
  setsid nohup dockerd >>"$log" 2>&1 </dev/null &
  local deadline=$((SECONDS + 60))
  until paas_docker_ping; do
    if ((SECONDS >= deadline)); then
      paas_log "dockerd did not answer /_ping within 60 s; last log lines:"
      tail -n 30 "$log" >&2
      return 1
    fi
    sleep 0.2
  done
}

PAAS_PG_ADMIN_USER=paas_admin
# The role agents under test log in as: the least privilege the agent works with (README, Security).
PAAS_PG_AGENT_USER=paas_agent
PAAS_PG_SOCKET_DIR=/var/run/postgresql

# Prints "<version> <port> <status>" of the cluster to use: the newest installed.
paas_pg_cluster() {
  pg_lsclusters --no-header 2>/dev/null | awk '$2 == "main" { print $1, $3, $4 }' | sort -V | tail -n 1
}

paas_pg_psql_as_postgres() {
  # -X: ignore any ~/.psqlrc; ON_ERROR_STOP makes SQL errors fail the function.
  runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$PAAS_PG_PORT" -d postgres "$@"
}

# Password over the unix socket for every role except postgres (which keeps peer
# for local administration), so app containers given the socket directory log
# in with their own role and password. Debian's default already allows scram
# over TCP on 127.0.0.1/32, which is left untouched.
paas_pg_configure_hba() {
  local hba
  hba="$(paas_pg_psql_as_postgres -At -c 'SHOW hba_file')" || return 2
  if grep -Eq '^local[[:space:]]+all[[:space:]]+all[[:space:]]+scram-sha-256' "$hba"; then
    return 1 # already configured: nothing to reload
  fi
  if grep -Eq '^local[[:space:]]+all[[:space:]]+all[[:space:]]+peer' "$hba"; then
    sed -i -E 's/^local([[:space:]]+)all([[:space:]]+)all([[:space:]]+)peer$/local\1all\2all\3scram-sha-256/' "$hba" || return 2
  else
    # No catch-all local line: add ours right after the postgres peer line so it
    # comes before any other local rule.
    sed -i -E '0,/^local[[:space:]]+all[[:space:]]+postgres[[:space:]]+peer/{//a local   all             all                                     scram-sha-256
}' "$hba" || return 2
  fi
  grep -Eq '^local[[:space:]]+all[[:space:]]+all[[:space:]]+scram-sha-256' "$hba" || {
    paas_log "could not add a scram-sha-256 local rule to $hba"
    return 2
  }
}

# Reads the admin password, generating it on first use; never printed.
# The role is machine-wide, so is the file: with a file per checkout, every
# clone or git worktree on the machine would reset the password under the
# others' feet. PAAS_STATE_DIR overrides the location.
paas_pg_admin_password() {
  local state_dir="${PAAS_STATE_DIR:-/var/lib/paas-sh}"
  PAAS_PG_ADMIN_PASSWORD_FILE="$state_dir/pg-admin-password"
  if [[ ! -s "$PAAS_PG_ADMIN_PASSWORD_FILE" ]]; then
    mkdir -p "$state_dir" || return 1
    # Hex only, so it needs no quoting anywhere. (Not `tr </dev/urandom | head`:
    # tr dies of SIGPIPE, which fails the pipeline under pipefail.)
    (umask 077 && head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$PAAS_PG_ADMIN_PASSWORD_FILE") || return 1
  fi
  chmod 600 "$PAAS_PG_ADMIN_PASSWORD_FILE"
}

paas_start_postgres() {
  local cluster version status
  cluster="$(paas_pg_cluster)"
  if [[ -z "$cluster" && "$(id -u)" == 0 ]]; then
    # The package normally creates "main" on install; createcluster.conf can
    # turn that off, so create it from the newest installed server version.
    version="$(ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -n 1)"
    if [[ -n "$version" ]]; then pg_createcluster "$version" main >&2 || return 1; fi
    cluster="$(paas_pg_cluster)"
  fi
  if [[ -z "$cluster" ]]; then
    paas_log "no PostgreSQL cluster found (pg_lsclusters): run paas_ensure_packages"
    return 1
  fi
  read -r version PAAS_PG_PORT status <<<"$cluster"
  if [[ "$(id -u)" != 0 ]]; then
    [[ "$status" == online* ]] || { paas_log "PostgreSQL $version is down; as root: pg_ctlcluster $version main start"; return 1; }
    paas_pg_admin_password || return 1
    paas_pg_export
    return 0
  fi
  if [[ "$status" != online* ]]; then
    paas_log "starting PostgreSQL $version (port $PAAS_PG_PORT)"
    pg_ctlcluster "$version" main start || return 1
  fi
  paas_pg_admin_password || return 1
  # paas_admin is SUPERUSER for the test kit's own fixtures and cleanup (roles
  # and databases of every test, whoever made them). Agents under test log in
  # as paas_agent instead: CREATEDB CREATEROLE and nothing more, as the README
  # documents; the agent makes itself a member of each app role it creates.
  # Same password file: both are this machine's test roles.
  # The password travels on stdin, not argv, so `ps` never shows it.
  {
    printf '\\set pw %s\n' "$(cat "$PAAS_PG_ADMIN_PASSWORD_FILE")"
    cat <<'SQL'
SELECT format('CREATE ROLE %I LOGIN SUPERUSER', :'role')
  WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
SELECT format('ALTER ROLE %I LOGIN SUPERUSER PASSWORD %L', :'role', :'pw') \gexec
SELECT format('CREATE ROLE %I LOGIN NOSUPERUSER CREATEDB CREATEROLE', :'agent')
  WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'agent') \gexec
SELECT format('ALTER ROLE %I LOGIN NOSUPERUSER CREATEDB CREATEROLE PASSWORD %L', :'agent', :'pw') \gexec
SQL
  } | paas_pg_psql_as_postgres -v role="$PAAS_PG_ADMIN_USER" -v agent="$PAAS_PG_AGENT_USER" || return 1
  local rc=0
  paas_pg_configure_hba || rc=$?
  if ((rc == 0)); then
    paas_pg_psql_as_postgres -c 'SELECT pg_reload_conf()' >/dev/null || return 1
  elif ((rc != 1)); then
    return 1
  fi
  paas_pg_export
  paas_pg_check_login
}

# The end-to-end check: the admin role logs in with its password over the
# socket, the way the agent and app containers will.
paas_pg_check_login() {
  if ! PGPASSWORD="$(cat "$PAAS_PG_ADMIN_PASSWORD_FILE")" psql -X -q -w -h "$PAAS_PG_SOCKET_DIR" -p "$PAAS_PG_PORT" \
    -U "$PAAS_PG_ADMIN_USER" -d postgres -c 'SELECT 1' >/dev/null; then
    paas_log "$PAAS_PG_ADMIN_USER cannot log in with the password in $PAAS_PG_ADMIN_PASSWORD_FILE"
    return 1
  fi
}

paas_pg_export() {
  export PAAS_PG_HOST="$PAAS_PG_SOCKET_DIR" PAAS_PG_PORT PAAS_PG_ADMIN_USER PAAS_PG_AGENT_USER PAAS_PG_ADMIN_PASSWORD_FILE
}

# KEY=value lines on stdout for callers in other languages (the test kit).
paas_print_env() {
  printf 'PAAS_DOCKER_SOCKET=%s\n' /var/run/docker.sock
  printf 'PAAS_PG_HOST=%s\nPAAS_PG_PORT=%s\n' "$PAAS_PG_HOST" "$PAAS_PG_PORT"
  printf 'PAAS_PG_ADMIN_USER=%s\nPAAS_PG_ADMIN_PASSWORD_FILE=%s\n' "$PAAS_PG_ADMIN_USER" "$PAAS_PG_ADMIN_PASSWORD_FILE"
  printf 'PAAS_PG_AGENT_USER=%s\n' "$PAAS_PG_AGENT_USER"
}

paas_ensure_services() {
  paas_ensure_packages && paas_start_dockerd && paas_start_postgres
}

# Run directly (not sourced): do everything and print the settings.
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  paas_ensure_services
  paas_print_env
fi
