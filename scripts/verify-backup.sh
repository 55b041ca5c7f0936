#!/usr/bin/env bash
# Verifies a PaaS.sh backup archive (the .tar as stored, or downloaded with ?format=tar) against the
# checksums in its manifest.json, with standard tools only (tar, sha256sum, sed, stat; pg_restore if present):
#   database:  sha256 of the dump entry's bytes (manifest paas.database.entry, normally dump.pgdump)
#   filestore: sha256 over one "<path>\t<size>\t<sha256>\n" line per filestore file, <path> relative to
#              filestore/, in archive order (the order `tar -t` lists them)
# Usage: scripts/verify-backup.sh BACKUP.tar   (needs free disk about the archive's size; exit 0 = intact)
set -euo pipefail
archive="${1:?usage: verify-backup.sh BACKUP.tar}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
tar -xf "$archive" -C "$work"
manifest="$work/manifest.json"
[ -f "$manifest" ] || { echo "verify-backup: $archive has no manifest.json" >&2; exit 1; }

# One value of the manifest's pretty-printed "paas" object: field <object> <key>.
field() { sed -n "/\"$1\": {/,/}/s/.*\"$2\": \"\([^\"]*\)\".*/\1/p" "$manifest"; }
sha() { sha256sum | cut -d' ' -f1; }

failed=0
entry="$(field database entry)"
want="$(field database sha256)"
got="$(sha < "$work/$entry")"
if [ "$got" = "$want" ]; then echo "database  $entry  OK"; else echo "database  $entry  MISMATCH ($got, manifest $want)"; failed=1; fi
if [ "$entry" = dump.pgdump ] && command -v pg_restore >/dev/null; then
  pg_restore --list "$work/$entry" >/dev/null && echo "database  pg_restore --list  OK" || failed=1
fi

want="$(field filestore sha256)"
got="$(tar -tf "$archive" | { grep '^filestore/.*[^/]$' || true; } | while IFS= read -r name; do
  printf '%s\t%s\t%s\n' "${name#filestore/}" "$(stat -c %s "$work/$name")" "$(sha < "$work/$name")"
done | sha)"
if [ "$got" = "$want" ]; then echo "filestore OK"; else echo "filestore MISMATCH ($got, manifest $want)"; failed=1; fi
exit "$failed"
