#!/usr/bin/env bash
# Runs a command with everything beside the repository hidden, as in a user's clone that has nothing next to it:
# in a private mount namespace, each sibling of the repository's folder is covered by an empty tmpfs (a file by an
# empty file of its own: not /dev/null, whose one inode would make every hidden lock file the same lock, so a tool
# that flocks two of them, as SwiftPM does in /tmp, would wait on itself). A test that reads a folder beside the checkout (the developers' shared/) then fails here as it would for a user, instead
# of passing on our machines where such a folder exists. Needs root and unshare(1); where either is missing, or the
# repository sits at the file system root, it runs the command unchanged and says so.
set -euo pipefail
ROOT="$(realpath "$0")"; ROOT="${ROOT%/tools/without-siblings.sh}"
parent="$(dirname "$ROOT")"
if [ "$(id -u)" -ne 0 ] || [ "$parent" = "/" ] || ! command -v unshare >/dev/null || ! unshare -m true 2>/dev/null; then
  echo "without-siblings: cannot hide the folders beside $ROOT here (needs root and unshare); running as is" >&2
  exec "$@"
fi
exec unshare -m --propagation private bash -c '
  root="$1"; parent="$2"; shift 2
  hidden=0
  blanks="$root/.build/.without-siblings"
  mkdir -p "$blanks"
  mount -t tmpfs -o size=1m tracelabel-blanks "$blanks"
  for s in "$parent"/* "$parent"/.[!.]*; do
    { [ -e "$s" ] || [ -L "$s" ]; } || continue
    [ "$s" = "$root" ] && continue
    if [ -d "$s" ] && [ ! -L "$s" ]; then
      mount -t tmpfs -o size=64k,mode=0555 tracelabel-hidden "$s"
    else
      : > "$blanks/$hidden"
      mount --bind "$blanks/$hidden" "$s" 2>/dev/null || continue
    fi
    hidden=$((hidden + 1))
  done
  echo "without-siblings: $hidden entr(ies) beside $root hidden for: $*" >&2
  exec "$@"' bash "$ROOT" "$parent" "$@"
