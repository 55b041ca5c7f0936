#!/usr/bin/env bash
# Builds the offline stand-in for the official `odoo` image:
#   paas-standin/odoo:base                  node + the stand-in server, no version
#   paas-standin/odoo:17.0, :18.0, :19.0    base + ENV ODOO_VERSION=<version>
# FROM scratch, from files already on this machine (the host's node binary and
# its shared libraries, pg from the repo's node_modules): no network needed.
#
# Usage: scripts/standin-odoo/build.sh [--force] [version...]
# Skips the base build when an image built from the same inputs exists.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
repo_name="${PAAS_STANDIN_REPOSITORY:-paas-standin/odoo}" # a worktree may name its own
# The official image's odoo user (Debian bookworm's adduser --system gives it
# 101, the same uid as the host's postgres): callers must run the image as
# another uid, which has no passwd entry here, as in the official image.
odoo_uid=101

force=0
if [[ "${1:-}" == "--force" ]]; then force=1; shift; fi
versions=("$@")
((${#versions[@]})) || versions=(17.0 18.0 19.0)

# The legacy builder: the Debian engine (20.10) has no buildx, and newer
# clients would otherwise try to use it.
export DOCKER_BUILDKIT=0

node_bin="$(readlink -f "$(command -v node)")"
node_modules="$repo/node_modules"
[[ -d "$node_modules/pg" ]] || { echo "build.sh: $node_modules/pg missing: run npm ci first" >&2; exit 1; }
# The shared manifest reader (protocol/src/manifest, compiled, no dependencies) replaces lib/manifest.js,
# which in a checkout loads it from the protocol's build.
manifest_js="$repo/protocol/out/src/manifest"
manifest_files=(manifest.js pythonLiteral.js pythonTokens.js)
for file in "${manifest_files[@]}"; do
  [[ -f "$manifest_js/$file" ]] || { echo "build.sh: $manifest_js/$file missing: run npx tsc -b first" >&2; exit 1; }
done
# Where the official image's Debian package puts Odoo's own addons.
core_addons=/usr/lib/python3/dist-packages/odoo/addons

# Same inputs, same image: hash the stand-in sources, this script, and the
# versions of node and pg that get copied in.
inputs_hash="$(
  {
    cat "$here/build.sh" "$here/server.js" "$here/collect-deps.js" "$here"/lib/*.js
    (cd "$here" && find addons -type f | sort | xargs cat)
    (cd "$manifest_js" && cat "${manifest_files[@]}")
    "$node_bin" --version
    stat -c '%s %Y' "$node_bin"
    cat "$node_modules/pg/package.json"
  } | sha256sum | cut -c1-16
)"

# docker build, its output (and the legacy builder's deprecation notice) shown
# only when it fails.
quiet_build() {
  local out
  if ! out="$(docker build -q "$@" 2>&1)"; then
    printf '%s\n' "$out" >&2
    return 1
  fi
}

image_hash() {
  docker image inspect --format '{{ index .Config.Labels "paas.standin.hash" }}' "$1" 2>/dev/null || true
}

build_base() {
  local stage rootfs owned lib
  stage="$(mktemp -d "${TMPDIR:-/tmp}/paas-standin.XXXXXX")"
  # shellcheck disable=SC2064 # expand now: the variable is local
  trap "rm -rf '$stage'" RETURN
  rootfs="$stage/rootfs"
  owned="$stage/owned"
  mkdir -p "$rootfs/usr/local/bin" "$rootfs/opt/standin" "$rootfs/etc/odoo" "$owned/var/lib/odoo" "$owned/mnt/extra-addons"
  install -d -m 1777 "$rootfs/tmp"
  cp "$node_bin" "$rootfs/usr/local/bin/node"
  # Every library ldd lists (and the loader), at the path the binary expects.
  while read -r lib; do
    mkdir -p "$rootfs$(dirname "$lib")"
    cp -L "$lib" "$rootfs$lib"
  done < <(ldd "$node_bin" | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }')
  cp -r "$here/server.js" "$here/lib" "$rootfs/opt/standin/"
  for file in "${manifest_files[@]}"; do
    sed '/^\/\/# sourceMappingURL=/d' "$manifest_js/$file" >"$rootfs/opt/standin/lib/$file"
  done
  mkdir -p "$rootfs$core_addons"
  cp -r "$here/addons/." "$rootfs$core_addons/"
  node "$here/collect-deps.js" "$node_modules" "$rootfs/opt/standin/node_modules" pg >/dev/null
  printf 'root:x:0:0:root:/root:/sbin/nologin\nodoo:x:%s:%s:Odoo stand-in:/var/lib/odoo:/sbin/nologin\n' "$odoo_uid" "$odoo_uid" >"$rootfs/etc/passwd"
  printf 'root:x:0:\nodoo:x:%s:\n' "$odoo_uid" >"$rootfs/etc/group"
  # The official image's /etc/odoo/odoo.conf (odoo/docker 17.0).
  printf '[options]\naddons_path = /mnt/extra-addons\ndata_dir = /var/lib/odoo\n' >"$rootfs/etc/odoo/odoo.conf"
  # Mirrors the official Dockerfile: USER odoo, VOLUMEs, ports, ODOO_RC,
  # ENTRYPOINT + CMD ["odoo"].
  cat >"$stage/Dockerfile" <<DOCKERFILE
FROM scratch
COPY rootfs/ /
COPY --chown=$odoo_uid:$odoo_uid owned/ /
ENV PATH=/usr/local/bin ODOO_RC=/etc/odoo/odoo.conf
LABEL paas.standin=1 paas.standin.hash=$inputs_hash
USER odoo
VOLUME ["/var/lib/odoo", "/mnt/extra-addons"]
EXPOSE 8069 8071 8072
ENTRYPOINT ["/usr/local/bin/node", "/opt/standin/server.js"]
CMD ["odoo"]
DOCKERFILE
  quiet_build -t "$repo_name:base" "$stage"
}

if ((force)) || [[ "$(image_hash "$repo_name:base")" != "$inputs_hash" ]]; then
  build_base
fi
for version in "${versions[@]}"; do
  tag="$repo_name:$version"
  if ((force)) || [[ "$(image_hash "$tag")" != "$inputs_hash" ]] \
    || [[ "$(docker image inspect --format '{{ .Config.Env }}' "$tag" 2>/dev/null)" != *"ODOO_VERSION=$version"* ]]; then
    # No context needed: the Dockerfile comes on stdin.
    # STANDIN_BUILD_DATE: the date part of `odoo --version`, as in a nightly's 17.0-20240709.
    printf 'FROM %s:base\nENV ODOO_VERSION=%s STANDIN_BUILD_DATE=%s\nLABEL paas.standin.hash=%s\n' \
      "$repo_name" "$version" "$(date -u +%Y%m%d)" "$inputs_hash" |
      quiet_build -t "$tag" -
  fi
  echo "$tag"
done
