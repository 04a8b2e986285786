#!/usr/bin/env bash
# Installs a built tracelabel and its data under a prefix (what `make install` runs after the release build):
#   tools/install.sh BINARY DEST
# DEST is $(DESTDIR)$(PREFIX). It writes:
#   DEST/bin/tracelabel
#   DEST/share/tracelabel/templates/        the built-in templates with their sheets/ and images, and their README.md
#   DEST/share/tracelabel/fonts/README.md   where the fonts come from (Debian's fonts-noto-cjk) and their licence
#   DEST/share/tracelabel/README.md         the project README
# tracelabel finds DEST/share/tracelabel/templates from its own path (its bin/ folder's parent), so the
# installed tree may be moved as a whole (DESTDIR staging included).
set -euo pipefail
if [ $# -ne 2 ]; then
  echo "usage: tools/install.sh BINARY DEST (e.g. .build-release/release/tracelabel /usr/local)" >&2
  exit 64
fi
BINARY=$1
DEST=$2
if [ -z "$DEST" ]; then
  echo "install: the destination is empty: give a prefix such as /usr/local" >&2
  exit 64
fi
SOURCE="$(realpath "$0")"; SOURCE="${SOURCE%/tools/install.sh}"
if [ ! -x "$BINARY" ]; then
  echo "install: '$BINARY': is not an executable file (build it first: make install builds the release binary)" >&2
  exit 66
fi
SHARE="$DEST/share/tracelabel"

install -d "$DEST/bin" "$SHARE/templates" "$SHARE/fonts"
install -m 0755 "$BINARY" "$DEST/bin/tracelabel"
# Replace the installed templates as a whole, so a template removed from the checkout does not linger.
rm -rf "$SHARE/templates"
install -d "$SHARE/templates"
(cd "$SOURCE/templates" && find . -type d -print0 | while IFS= read -r -d '' dir; do install -d "$SHARE/templates/$dir"; done)
(cd "$SOURCE/templates" && find . -type f -print0 | while IFS= read -r -d '' file; do install -m 0644 "$file" "$SHARE/templates/$file"; done)
install -m 0644 "$SOURCE/fonts/README.md" "$SHARE/fonts/README.md"
install -m 0644 "$SOURCE/README.md" "$SHARE/README.md"
echo "installed $DEST/bin/tracelabel and $SHARE"
