#!/usr/bin/env bash
# The demo's sample: a Git repository of Odoo addons (.data/sample-repo.git, the project's registry, and
# .data/sample-repo, a clone on feature/demo that VS Code opens), the Odoo image to run it on, and the
# "Demo" project with its feature/demo Development app on the agent (scripts/src/demo/main.ts).
# Needs agent-daemon.sh sourced first. Every function returns non-zero on failure.

PAAS_DEMO_BRANCH=feature/demo
PAAS_DEMO_PROJECT_CODE="${PAAS_DEMO_PROJECT_CODE:-demo}"
PAAS_DEMO_REGISTRY="$PAAS_DEMO_DIR/sample-repo.git"
PAAS_DEMO_WORKSPACE="$PAAS_DEMO_DIR/sample-repo"
PAAS_DEMO_STATE="$PAAS_DEMO_DIR/demo.json"
PAAS_DEMO_OFFICIAL_IMAGE=odoo:17.0
PAAS_DEMO_STANDIN_IMAGE=paas-standin/odoo:17.0

paas_demo_git() {
  git -c user.name="Demo Owner" -c user.email=owner@demo.local -c init.defaultBranch=main \
    -c commit.gpgsign=false "$@"
}

# One addon: its manifest (one key per line: the stand-in image reads them with regular expressions).
paas_demo_write_addon() {
  local dir="$1" name="$2" title="$3" depends="$4"
  mkdir -p "$dir/$name" || return 1
  printf "{\n    'name': '%s',\n    'version': '1.0.0',\n    'depends': [%s],\n    'license': 'LGPL-3',\n    'installable': True,\n}\n" \
    "$title" "$depends" >"$dir/$name/__manifest__.py"
  : >"$dir/$name/__init__.py"
}

# The registry with `main` (two addons) and `feature/demo` (a third one), and the clone on feature/demo.
paas_demo_sample_repo() {
  if [[ -d "$PAAS_DEMO_REGISTRY" && -d "$PAAS_DEMO_WORKSPACE/.git" ]]; then
    echo "[up] sample repository exists: $PAAS_DEMO_WORKSPACE"
    return 0
  fi
  rm -rf "$PAAS_DEMO_REGISTRY" "$PAAS_DEMO_WORKSPACE"
  paas_demo_git init -q --bare "$PAAS_DEMO_REGISTRY" || return 1
  paas_demo_git init -q -b main "$PAAS_DEMO_WORKSPACE" || return 1
  local ws="$PAAS_DEMO_WORKSPACE"
  printf '# PaaS.sh demo addons\n\nEach branch runs as an app: `main` and `feature/demo`.\n' >"$ws/README.md"
  paas_demo_write_addon "$ws" demo_library 'Demo Library' "'base'" || return 1
  paas_demo_write_addon "$ws" demo_library_website 'Demo Library Website' "'demo_library'" || return 1
  paas_demo_git -C "$ws" add -A && paas_demo_git -C "$ws" commit -qm 'Demo addons' || return 1
  paas_demo_git -C "$ws" remote add origin "file://$PAAS_DEMO_REGISTRY" || return 1
  paas_demo_git -C "$ws" push -q -u origin main || return 1
  paas_demo_git -C "$ws" checkout -q -b "$PAAS_DEMO_BRANCH" || return 1
  paas_demo_write_addon "$ws" demo_loans 'Demo Loans' "'demo_library'" || return 1
  paas_demo_git -C "$ws" add -A && paas_demo_git -C "$ws" commit -qm 'Demo Loans: lend books' || return 1
  paas_demo_git -C "$ws" push -q -u origin "$PAAS_DEMO_BRANCH" || return 1
  echo "[up] sample repository created: $PAAS_DEMO_WORKSPACE (branches main, $PAAS_DEMO_BRANCH)"
}

# Pulls the official image: a registry that does not answer fails within seconds; one that answers gets
# the whole download (no time limit once it has started).
paas_demo_pull_official() {
  docker image inspect "$PAAS_DEMO_OFFICIAL_IMAGE" >/dev/null 2>&1 && return 0
  local rc=0
  timeout "${PAAS_DEMO_PULL_TIMEOUT:-20}" docker pull -q "$PAAS_DEMO_OFFICIAL_IMAGE" >/dev/null 2>&1 || rc=$?
  ((rc == 0)) && return 0
  ((rc == 124)) || return 1
  echo "[up] pulling $PAAS_DEMO_OFFICIAL_IMAGE (several hundred MB)…" >&2
  docker pull -q "$PAAS_DEMO_OFFICIAL_IMAGE" >/dev/null
}

# Prints the image new demo apps use: the official one when it is here or can be pulled, otherwise the
# offline stand-in built from this checkout. Explains the choice on stderr.
paas_demo_image() {
  if [[ "${PAAS_DEMO_IMAGE:-}" != standin ]]; then
    if paas_demo_pull_official; then
      echo "[up] Odoo image: the official $PAAS_DEMO_OFFICIAL_IMAGE" >&2
      echo "$PAAS_DEMO_OFFICIAL_IMAGE"
      return 0
    fi
    echo "[up] $PAAS_DEMO_OFFICIAL_IMAGE cannot be pulled (no registry access?)" >&2
  fi
  bash "$PAAS_REPO_ROOT/scripts/standin-odoo/build.sh" 17.0 >/dev/null || return 1
  echo "[up] Odoo image: the offline stand-in $PAAS_DEMO_STANDIN_IMAGE (scripts/standin-odoo)" >&2
  echo "$PAAS_DEMO_STANDIN_IMAGE"
}

# Runs scripts/src/demo/main.js against the local agent, pinned to its own certificate.
paas_demo_client() {
  local command="$1"
  shift
  node "$PAAS_REPO_ROOT/scripts/out/src/demo/main.js" "$command" \
    --url "wss://127.0.0.1:$PAAS_AGENT_PORT" --cert "$PAAS_DEMO_DIR/agent/tls/cert.pem" \
    --token-file "$PAAS_DEMO_DIR/owner-token" --state "$PAAS_DEMO_STATE" "$@"
}

# The Demo project and its feature/demo Development app, deployed (or started) and running.
paas_demo_deploy() {
  local image
  image="$(paas_demo_image)" || return 1
  local -a image_arg=()
  [[ "$image" == "$PAAS_DEMO_STANDIN_IMAGE" ]] && image_arg=(--image "$image")
  paas_demo_client up --registry "file://$PAAS_DEMO_REGISTRY" --branch "$PAAS_DEMO_BRANCH" \
    --project-code "$PAAS_DEMO_PROJECT_CODE" "${image_arg[@]}"
}

# A field of the state file main.js up wrote.
paas_demo_state() {
  node -e 'process.stdout.write(String(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))[process.argv[2]] ?? ""))' \
    "$PAAS_DEMO_STATE" "$1"
}

# Stops the demo app (the agent keeps it, its database and filestore for the next up.sh).
paas_demo_stop_app() {
  [[ -f "$PAAS_DEMO_STATE" ]] || return 0
  paas_agent_pid >/dev/null || return 0
  paas_demo_client stop
}
