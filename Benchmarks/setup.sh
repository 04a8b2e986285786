#!/usr/bin/env bash
# Installs the peer tools the benchmarks compare against, from Debian and PyPI (never vendored), idempotently:
# zint (zint --batch), glabels (glabels-3-batch), sqlite3 (row checks), wrk (the service), and segno in the repo venv.
set -euo pipefail
ROOT="$(realpath "$0")"; cd "${ROOT%/Benchmarks/setup.sh}"
tools/setup.sh zint glabels sqlite3 wrk
.venv/bin/python -c 'import segno' 2>/dev/null || .venv/bin/pip install -q --disable-pip-version-check segno
