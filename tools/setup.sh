#!/usr/bin/env bash
# Installs what TraceLabel needs on Debian 12, idempotently: apt packages first (only the missing ones),
# then a Python venv under the repo with the test oracles. Fast when everything is already there.
# Extra apt packages may be named as arguments (Benchmarks/setup.sh adds the peer tools that way).
set -euo pipefail
ROOT="$(realpath "$0")"; cd "${ROOT%/tools/setup.sh}"

APT_PACKAGES=(
  libqrencode-dev    # plain QR (URL payloads)
  libzint-dev        # GS1 QR, GS1 DataMatrix, GS1-128
  libcairo2-dev      # PDF and raster drawing
  libpango1.0-dev    # text layout
  libharfbuzz-dev    # hb-subset: PDF fonts cut down to the job's characters (libharfbuzz-subset0)
  libpng-dev         # 1-bit PNG with pHYs
  fonts-noto-cjk     # Noto Sans CJK SC, SIL OFL 1.1
  poppler-utils      # pdftoppm/pdfinfo/pdffonts, used by tests
  python3-venv       # the test venv
  openssl            # the README's registry audit recipe (checkpoint signatures), run by a test
  zlib1g-dev         # ZIPFoundation (Ecode pool archives) links zlib
  chromium           # the resolver page rendered at phone size by a test (headless)
  postgresql         # the shared registry on PostgreSQL: tests start a throwaway server (tools/postgres.sh)
)
APT_PACKAGES+=("$@")
missing=()
for p in "${APT_PACKAGES[@]}"; do
  if [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" != "install ok installed" ]; then missing+=("$p"); fi
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

VENV=.venv
PY_PACKAGES=(zxing-cpp biip pillow jsonschema rfc3987 rfc3339-validator schemathesis)
if [ ! -x "$VENV/bin/python" ]; then
  echo "setup: creating $VENV"
  python3 -m venv "$VENV"
fi
if ! "$VENV/bin/python" -c 'import zxingcpp, biip, PIL, jsonschema, rfc3987, rfc3339_validator, schemathesis' 2>/dev/null; then
  echo "setup: installing ${PY_PACKAGES[*]} into $VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check "${PY_PACKAGES[@]}"
fi
