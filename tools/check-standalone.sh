#!/usr/bin/env bash
# Fails if any tracked file that is code, a script, a test or build configuration names a path outside the
# repository: a `..` path component (`../x`, `x/..`) or the sibling `shared/` folder of the developers' machines.
# A user's clone has nothing beside it, so such a path works only on our machines. There is no allow-list:
# scripts find the repository root by stripping their own known path instead of walking up with `..`.
# Markdown is prose (relative links between docs are fine) but must not point at shared/ either; data/ holds vendored
# files, never read as paths.
set -euo pipefail
ROOT="$(realpath "$0")"; ROOT="${ROOT%/tools/check-standalone.sh}"
cd "$ROOT"
if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  echo "check-standalone: not a git checkout; nothing to check" >&2
  exit 0
fi
pattern='(^|[^.])\.\./|/\.\.([^.]|$)|(^|[^A-Za-z0-9_-])shared/(data|docs)|/work/'
if hits=$(git grep --untracked -n -I -E -e "$pattern" -- . ':!*.md' ':!data/' ':!tools/check-standalone.sh'); then
  echo "check-standalone: these lines name paths outside the repository (a clone has nothing beside it):" >&2
  echo "$hits" >&2
  exit 1
fi
# Prose may link docs by relative paths, but never to the developers' shared/ folder: a reader of a clone has none.
if hits=$(git grep --untracked -n -I -E -e '(^|[^A-Za-z0-9_-])shared/(data|docs)' -- '*.md'); then
  echo "check-standalone: these documents point at the developers' shared/ folder, which a clone does not have:" >&2
  echo "$hits" >&2
  exit 1
fi
echo "check-standalone: no tracked file names a path outside the repository"
