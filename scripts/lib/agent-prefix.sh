#!/usr/bin/env bash
# Builds a self-contained copy of the agent for scripts/install-agent.sh: compiled agent and protocol plus
# their production node_modules, runnable as `node <prefix>/agent/bin/paas-agent`. Source it; functions
# return non-zero on failure.
#
# The node_modules are the exact production packages the checkout was built and tested with (npm ls
# --omit=dev), native addons included: no second compile of better-sqlite3, no network. `npm ci --omit=dev`
# in a staging directory gives the same tree (checked when this was written) but compiles the addons again,
# which takes minutes on a small server.

# Marks a directory as an agent prefix, so replacing or uninstalling never removes anything else.
PAAS_PREFIX_MARKER=.paas-agent-prefix

# Installs the checkout's dependencies when they are missing or stale, and compiles the agent.
paas_prefix_build_checkout() {
  local repo="$1"
  local log
  log="$(mktemp)" || return 1
  # The test command's deps step: npm ci when node_modules is missing or older than the lockfile.
  (cd "$repo" && bash scripts/test.sh deps >"$log" 2>&1) || { cat "$log" >&2; rm -f "$log"; return 1; }
  rm -f "$log"
  (cd "$repo" && node node_modules/typescript/bin/tsc -b agent) || return 1
}

# Prints, NUL-separated and relative to the checkout, every file and directory the prefix holds.
paas_prefix_file_list() {
  local repo="$1" listing package rel errors
  errors="$(mktemp)" || return 1
  # npm ls warns about this machine's npmrc on stderr; the warnings are shown only when it fails.
  if ! listing="$(cd "$repo" && npm ls --omit=dev --all --parseable -w agent -w protocol 2>"$errors")"; then
    cat "$errors" >&2
    rm -f "$errors"
    return 1
  fi
  rm -f "$errors"
  (
    cd "$repo" || exit 1
    find agent/package.json agent/bin agent/out/src protocol/package.json protocol/out/src -print0
    while IFS= read -r package; do
      rel="${package#"$repo"/}"
      # Hoisted packages, and those npm nests under a workspace because another version is hoisted
      # (agent/node_modules/yazl: the extension's packager wants an older yazl at the root).
      [[ "$rel" == node_modules/* || "$rel" == agent/node_modules/* || "$rel" == protocol/node_modules/* ]] ||
        continue
      # A package's own node_modules holds packages npm ls lists on their own lines.
      find "$rel" -path "$rel/node_modules" -prune -o -print0
    done <<<"$listing" | sort -zu
  )
}

# Copies the agent into "$stage" (created), owned by root and not writable by anyone else: the service
# runs this code, so its user must not be able to change it.
paas_prefix_stage() {
  local repo="$1" stage="$2"
  rm -rf "$stage" && mkdir -p "$stage" || return 1
  paas_prefix_file_list "$repo" | tar -C "$repo" --null --no-recursion -T - -cf - |
    tar -C "$stage" --no-same-owner -xf - || return 1
  touch "$stage/$PAAS_PREFIX_MARKER" || return 1
  chown -R root:root "$stage" && chmod -R u+rwX,go-w,go+rX "$stage"
}

# True when "$1" can be replaced or removed: missing, empty, or made by this installer.
paas_prefix_owned() {
  [[ ! -e "$1" ]] || [[ -f "$1/$PAAS_PREFIX_MARKER" ]] || [[ -d "$1" && -z "$(ls -A "$1")" ]]
}

# Puts "$stage" in place of "$prefix" unless they are identical. Returns 0 when it replaced something,
# 3 when the prefix was already up to date (the stage is then removed). Runs "$3" (a command) right before
# the swap, so the caller can stop a running agent only when its code really changes.
paas_prefix_swap() {
  local stage="$1" prefix="$2" before_swap="$3"
  if [[ -d "$prefix" ]] && diff -rq --no-dereference "$prefix" "$stage" >/dev/null 2>&1; then
    rm -rf "$stage"
    return 3
  fi
  $before_swap || return 1
  if [[ -e "$prefix" ]]; then
    rm -rf "$prefix.old" && mv "$prefix" "$prefix.old" || return 1
  fi
  mv "$stage" "$prefix" && rm -rf "$prefix.old"
}
