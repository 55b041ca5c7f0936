#!/usr/bin/env bash
# The system side of scripts/install-agent.sh: the service account, the config file and the systemd unit.
# Source it; functions return non-zero on failure. Functions that may change something return 0 when they
# did and 3 when everything was already as wanted, so the installer can say whether a run changed anything.

# Writes stdin to "$1" with mode "$2" and owner "$3" (user:group) unless the file already has exactly that
# content, mode and owner. The new content goes to a temporary file first: a reader never sees half a file.
paas_write_file() {
  local target="$1" mode="$2" owner="$3" temporary
  temporary="$(mktemp "$(dirname "$target")/.paas-XXXXXX")" || return 1
  cat >"$temporary" || { rm -f "$temporary"; return 1; }
  if [[ -f "$target" ]] && cmp -s "$temporary" "$target" &&
    [[ "$(stat -c '%a %U:%G' "$target")" == "${mode#0} $owner" ]]; then
    rm -f "$temporary"
    return 3
  fi
  chmod "$mode" "$temporary" && chown "$owner" "$temporary" && mv "$temporary" "$target" || {
    rm -f "$temporary"
    return 1
  }
}

# Creates the service account: a system user with no login shell, its home the data directory, in the
# docker group (root-equivalent on this host: the agent drives the engine). Creates that group when the
# engine package has not yet. An existing account is brought in line.
paas_ensure_service_user() {
  local user="$1" home="$2" changed=3
  if ! getent group docker >/dev/null; then
    groupadd --system docker || return 1
    changed=0
  fi
  if ! id -u "$user" >/dev/null 2>&1; then
    useradd --system --user-group --home-dir "$home" --no-create-home --shell /usr/sbin/nologin \
      --comment 'PaaS.sh agent' --groups docker "$user" || return 1
    return 0
  fi
  if ! id -nG "$user" | tr ' ' '\n' | grep -qx docker; then
    usermod -aG docker "$user" || return 1
    changed=0
  fi
  if [[ "$(getent passwd "$user" | cut -d: -f6)" != "$home" ]]; then
    usermod --home "$home" "$user" || return 1
    changed=0
  fi
  return "$changed"
}

# Creates the data directory (0700, the service user's). A directory kept from an earlier install belongs to
# that install's user id, which a re-created account may not get again: the files the old id owned are handed
# over, and only those (app data written by containers belongs to other ids and stays theirs).
paas_ensure_data_dir() {
  local dir="$1" user="$2" group old_uid old_gid
  group="$(id -gn "$user")" || return 1
  if [[ ! -d "$dir" ]]; then
    install -d -m 0700 -o "$user" -g "$group" "$dir"
    return
  fi
  read -r old_uid old_gid <<<"$(stat -c '%u %g' "$dir")"
  if [[ "$old_uid" == "$(id -u "$user")" && "$(stat -c '%a' "$dir")" == 700 ]]; then
    return 3
  fi
  if [[ "$old_uid" != "$(id -u "$user")" ]]; then
    find "$dir" -xdev -uid "$old_uid" -exec chown -h "$user" {} + || return 1
    find "$dir" -xdev -gid "$old_gid" -exec chgrp -h "$group" {} + || return 1
  fi
  chmod 0700 "$dir"
}

# Prints the config file: the existing one (keys an operator added are kept) with the installer's keys set.
# Fails, printing why, when the existing file is not a JSON object.
paas_config_content() {
  local file="$1" data_dir="$2" host="$3" port="$4"
  node -e '
    const fs = require("fs");
    const [file, dataDir, host, port] = process.argv.slice(1);
    let current = {};
    try {
      current = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (error) {
      if (error.code !== "ENOENT") {
        process.stderr.write(`cannot read ${file}: ${error.message}\n`);
        process.exit(1);
      }
    }
    if (typeof current !== "object" || current === null || Array.isArray(current)) {
      process.stderr.write(`${file} is not a JSON object\n`);
      process.exit(1);
    }
    const next = { ...current, dataDir };
    if (host) next.host = host;
    if (port) next.port = Number(port);
    process.stdout.write(JSON.stringify(next, null, 2) + "\n");' "$file" "$data_dir" "$host" "$port"
}

# Prints the systemd unit. The agent logs JSON lines on stdout, which go to the journal. The sandbox is
# defense in depth only: docker group membership already gives the service root's power over the host.
paas_render_unit() {
  local user="$1" node="$2" prefix="$3" config="$4" data_dir="$5"
  shift 5
  local writable="$data_dir" path
  for path in "$@"; do writable+=" $path"; done
  cat <<UNIT
# Written by scripts/install-agent.sh; running it again rewrites this file.
[Unit]
Description=PaaS.sh agent: Odoo branch environments in Docker
After=network-online.target docker.service postgresql.service
Wants=network-online.target

[Service]
Type=simple
User=$user
Group=$user
# The engine's socket; the account is also a member, this keeps it so if /etc/group changes.
SupplementaryGroups=docker
Environment=NODE_ENV=production
ExecStart=$node $prefix/agent/bin/paas-agent serve --config $config
WorkingDirectory=$data_dir
Restart=on-failure
RestartSec=5s
TimeoutStopSec=60s
StandardOutput=journal
StandardError=journal
SyslogIdentifier=paas-agent
# Everything is read-only but the data directory and the local backup storages named at install.
ProtectSystem=strict
ReadWritePaths=$writable
ProtectHome=yes
# The agent hands dockerd no paths under /tmp, so a private /tmp breaks no bind mount.
PrivateTmp=yes
NoNewPrivileges=yes
ProtectKernelTunables=yes
ProtectKernelModules=yes
ProtectControlGroups=yes
RestrictSUIDSGID=yes
RestrictRealtime=yes
LockPersonality=yes

[Install]
WantedBy=multi-user.target
UNIT
}

# True when systemd is the running init (not so in most containers).
paas_systemd_running() {
  [[ -d /run/systemd/system ]]
}
