#!/usr/bin/env bash
# The install and uninstall flows of scripts/install-agent.sh, which sources this file after parsing its
# flags (the globals below come from there). Checks that can fail on bad input run before anything changes.

# Refuses bad input and unusable paths before the installer changes anything.
install_preflight() {
  NODE="$(command -v node)" || die "node is not on PATH: install Node.js 20.19 or newer first"
  "$NODE" -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)' ||
    die "Node.js $("$NODE" --version) is too old: the agent needs 20.19 or newer"
  local path
  for path in "$PREFIX" "$PREFIX.new" "$PREFIX.old"; do
    paas_prefix_owned "$path" || die "$path exists and was not made by this installer; choose another --prefix"
  done
  data_dir_usable || die "$DATA_DIR is neither empty nor an agent data directory (no agent.sqlite); choose another --data-dir"
  if [[ ! -f "$DATA_DIR/agent.sqlite" && -z "$OWNER_EMAIL" ]]; then
    die "first install: give --owner-email and --owner-name (the first owner; their token is printed once)"
  fi
  if [[ -n "$OWNER_EMAIL" && ! "$OWNER_EMAIL" =~ ^[^@[:space:]]+@[^@[:space:]]+$ ]]; then
    die "--owner-email \"$OWNER_EMAIL\" is not an email address"
  fi
  CONFIG_CONTENT="$(paas_config_content "$CONFIG" "$DATA_DIR" "$LISTEN_HOST" "$LISTEN_PORT")" ||
    die "fix or remove $CONFIG"
}

# Stops the service before its code is replaced; the swap's hook, so it runs only when the code changes.
stop_running_service() {
  if $START && paas_systemd_running && systemctl is-active --quiet "$UNIT_NAME"; then
    say "stopping $UNIT_NAME to replace its code"
    systemctl stop "$UNIT_NAME"
  fi
}

paas_ensure_storage_dir() {
  local dir="$1"
  if [[ -d "$dir" && "$(stat -c '%U' "$dir")" == "$SERVICE_USER" ]]; then return 3; fi
  install -d -m 0750 "$dir" && chown "$SERVICE_USER:$(id -gn "$SERVICE_USER")" "$dir"
}

# Makes the first owner once; OWNER_TOKEN is set only when it was made now.
ensure_owner() {
  local users
  users="$(as_agent user list --json)" || die "cannot read the agent's store in $DATA_DIR (see above)"
  if "$NODE" -e 'const users = JSON.parse(require("fs").readFileSync(0, "utf8"));
      process.exit(users.some((u) => u.memberships.some((m) => m.role === "owner")) ? 0 : 1)' <<<"$users"; then
    [[ -z "$OWNER_EMAIL" ]] ||
      say "an owner exists already, so no token is made (another: paas-agent token create --name N --user EMAIL)"
    return 0
  fi
  if [[ -z "$OWNER_EMAIL" ]]; then
    say "the agent has no owner yet: run again with --owner-email and --owner-name"
    return 0
  fi
  OWNER_TOKEN="$(as_agent init --email "$OWNER_EMAIL" --name "$OWNER_NAME")" || die "could not make the first owner"
  CHANGES+=("made $OWNER_EMAIL the owner")
}

# Enables and (re)starts the service under systemd; elsewhere says how to start it.
start_service() {
  if ! $START; then
    SERVICE_STATE="installed, not started (--no-start)"
  elif ! paas_systemd_running; then
    SERVICE_STATE="installed, not started: systemd is not running on this machine"
  else
    systemctl daemon-reload || die "systemctl daemon-reload failed"
    if ! systemctl is-enabled --quiet "$UNIT_NAME"; then
      systemctl enable --quiet "$UNIT_NAME" || die "could not enable $UNIT_NAME"
      CHANGES+=("enabled $UNIT_NAME")
    fi
    if ! systemctl is-active --quiet "$UNIT_NAME"; then
      systemctl start "$UNIT_NAME" && CHANGES+=("started $UNIT_NAME")
    elif ((${#CHANGES[@]})); then
      systemctl restart "$UNIT_NAME" && say "restarted $UNIT_NAME"
    fi
    # A crash right after start shows as not active (Restart= waits RestartSec before the next try).
    sleep 2
    if ! systemctl is-active --quiet "$UNIT_NAME"; then
      journalctl -u "$UNIT_NAME" -n 30 --no-pager >&2 || true
      die "$UNIT_NAME did not stay up (its last log lines are above)"
    fi
    SERVICE_STATE="running (logs: journalctl -u $UNIT_NAME)"
  fi
}

print_summary() {
  local listen version
  listen="$("$NODE" -e 'const c = JSON.parse(process.argv[1]); const h = c.host ?? "127.0.0.1";
    process.stdout.write(`${h.includes(":") ? `[${h}]` : h}:${c.port ?? 7443}`)' "$CONFIG_CONTENT")"
  version="$("$NODE" "$PREFIX/agent/bin/paas-agent" version)"
  printf '\npaas-agent %s\n' "$version"
  printf '  Service      %s %s\n' "$UNIT_NAME" "$SERVICE_STATE"
  printf '  URL          wss://%s\n' "$listen"
  printf '  Certificate  SHA-256 %s\n' "$FINGERPRINT"
  if [[ -n "${OWNER_TOKEN:-}" ]]; then
    printf '  Owner token  %s\n' "$OWNER_TOKEN"
    printf '               (%s; shown only now: treat it like a password)\n' "$OWNER_EMAIL"
  fi
  printf '  Config       %s\n  Data         %s\n  Code         %s\n' "$CONFIG" "$DATA_DIR" "$PREFIX"
  [[ "$SERVICE_STATE" == running* ]] ||
    printf '  Start by hand: runuser -u %s -- %s %s/agent/bin/paas-agent serve --config %s\n' \
      "$SERVICE_USER" "$NODE" "$PREFIX" "$CONFIG"
  if ((${#CHANGES[@]})); then
    printf '\nChanged: %s.\n' "$(IFS=';' && echo "${CHANGES[*]}" | sed 's/;/; /g')"
  else
    printf '\nNothing changed: paas-agent was already installed like this.\n'
  fi
}

install_agent() {
  install_preflight
  say "checking Debian packages"
  paas_ensure_packages product || die "could not install the Debian packages"
  say "building the agent in $REPO_ROOT"
  paas_prefix_build_checkout "$REPO_ROOT" || die "the build failed"
  track "created or updated the account $SERVICE_USER (group docker, home $DATA_DIR)" \
    paas_ensure_service_user "$SERVICE_USER" "$DATA_DIR"
  paas_prefix_stage "$REPO_ROOT" "$PREFIX.new" || die "could not copy the agent to $PREFIX.new"
  track "installed the agent into $PREFIX" paas_prefix_swap "$PREFIX.new" "$PREFIX" stop_running_service
  track "prepared the data directory $DATA_DIR" paas_ensure_data_dir "$DATA_DIR" "$SERVICE_USER"
  local path group
  for path in "${STORAGE_PATHS[@]}"; do
    track "made $path writable by $SERVICE_USER" paas_ensure_storage_dir "$path"
  done
  group="$(id -gn "$SERVICE_USER")"
  mkdir -p "$(dirname "$CONFIG")" "$SYSTEMD_DIR"
  track "wrote $CONFIG" paas_write_file "$CONFIG" 0640 "root:$group" <<<"$CONFIG_CONTENT"
  track "wrote $SYSTEMD_DIR/$UNIT_NAME" paas_write_file "$SYSTEMD_DIR/$UNIT_NAME" 0644 root:root \
    < <(paas_render_unit "$SERVICE_USER" "$NODE" "$PREFIX" "$CONFIG" "$DATA_DIR" "${STORAGE_PATHS[@]}")
  ensure_owner
  FINGERPRINT="$(as_agent fingerprint)" || die "could not read the certificate"
  start_service
  print_summary
}

uninstall_agent() {
  paas_prefix_owned "$PREFIX" || die "$PREFIX was not made by this installer; not removing it"
  if $PURGE && ! data_dir_usable; then die "$DATA_DIR does not look like an agent data directory; not purging it"; fi
  if $START && paas_systemd_running && [[ -f "$SYSTEMD_DIR/$UNIT_NAME" ]]; then
    systemctl disable --now --quiet "$UNIT_NAME" && CHANGES+=("stopped and disabled $UNIT_NAME")
  fi
  if id -u "$SERVICE_USER" >/dev/null 2>&1 && pgrep -u "$SERVICE_USER" >/dev/null; then
    die "processes of $SERVICE_USER still run (pids $(pgrep -d, -u "$SERVICE_USER")): stop the agent first"
  fi
  if [[ -f "$SYSTEMD_DIR/$UNIT_NAME" ]]; then
    rm -f "$SYSTEMD_DIR/$UNIT_NAME" && CHANGES+=("removed $SYSTEMD_DIR/$UNIT_NAME")
    if $START && paas_systemd_running; then systemctl daemon-reload; fi
  fi
  if [[ -e "$PREFIX" ]]; then rm -rf "$PREFIX" && CHANGES+=("removed $PREFIX"); fi
  if id -u "$SERVICE_USER" >/dev/null 2>&1; then
    userdel "$SERVICE_USER" && CHANGES+=("removed the account $SERVICE_USER")
    # userdel keeps the user's own group when USERGROUPS_ENAB is off.
    if getent group "$SERVICE_USER" >/dev/null; then groupdel "$SERVICE_USER"; fi
  fi
  if $PURGE; then
    if [[ -e "$DATA_DIR" ]]; then rm -rf "$DATA_DIR" && CHANGES+=("removed $DATA_DIR"); fi
    if [[ -e "$CONFIG" ]]; then rm -f "$CONFIG" && CHANGES+=("removed $CONFIG"); fi
    rmdir --ignore-fail-on-non-empty "$(dirname "$CONFIG")" 2>/dev/null || true
  else
    say "kept $DATA_DIR and $CONFIG (--uninstall --purge removes them)"
  fi
  if ((${#CHANGES[@]})); then
    printf 'Uninstalled: %s.\n' "$(IFS=';' && echo "${CHANGES[*]}" | sed 's/;/; /g')"
  else
    printf 'Nothing to uninstall.\n'
  fi
}
