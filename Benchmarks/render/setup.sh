#!/usr/bin/env bash
# Installs the peer tools the render benchmark compares with (not needed by the build or the tests):
# zint (CLI, `zint --batch`) and glabels (glabels-3-batch).
set -euo pipefail
missing=()
for p in zint glabels; do
  if [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" != "install ok installed" ]; then missing+=("$p"); fi
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "bench setup: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
