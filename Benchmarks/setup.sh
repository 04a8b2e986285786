#!/usr/bin/env bash
# Installs the peer tools the benchmarks compare against, from Debian and PyPI (never vendored), idempotently.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup.sh
APT=(zint glabels sqlite3)
missing=()
for p in "${APT[@]}"; do
  [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" = "install ok installed" ] || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "bench setup: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
.venv/bin/python -c 'import segno' 2>/dev/null || .venv/bin/pip install -q --disable-pip-version-check segno
