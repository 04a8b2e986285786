#!/usr/bin/env bash
# Render benchmark: TraceLabel vs zint --batch (and glabels-3-batch when a project file is given), in one run.
#   Benchmarks/render/run.sh [COUNT]          (default 10000)
# Builds tracelabel in release mode (.build-release), then times, with the same COUNT:
#   1. zint --batch writing COUNT GS1 QR PNGs (symbol only)
#   2. tracelabel issue: COUNT one-item 60 × 40 mm labels (QR with Digital Link, text fields) -> 1-bit PNG spool at 300 dpi
#   3. tracelabel issue: the same labels on A4 sheets -> one PDF
#   4. the same as 2 and 3 at 1,000 labels (the glabels-3-batch comparison size)
# Each tracelabel run includes validation, registry writes (synced per chunk of 1,000) and the spool manifest.
set -euo pipefail
ROOT="$(realpath "$0")"; cd "${ROOT%/Benchmarks/render/run.sh}"
COUNT=${1:-10000}
Benchmarks/setup.sh
swift build -c release --scratch-path .build-release --product tracelabel >/dev/null
BIN=.build-release/release/tracelabel
WORK=$(mktemp -d /tmp/tracelabel-bench.XXXXXX)
# On root, a fresh tmpfs for all outputs: the same clean filesystem for every tool (ext4 inode allocation after many
# deletes otherwise dominates file-per-label runs and varies run to run).
if [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=3g tmpfs "$WORK" 2>/dev/null; then
  FS="tmpfs"; trap 'umount "$WORK"; rm -rf "$WORK"' EXIT
else
  FS="$(df --output=fstype "$WORK" | tail -1)"; trap 'rm -rf "$WORK"' EXIT
fi
echo "outputs on $FS; $(nproc) cores; count $COUNT"
if pgrep -x swift-frontend >/dev/null; then echo "warning: swift-frontend processes are running; timings will be noisy"; fi

now() { date +%s.%N; }
ms_per() { python3 -c "print(f'{($2-$1)*1000/$3:.3f}')"; }

# 1. zint --batch: COUNT GS1 QR codes (the same element strings the labels carry).
python3 - "$COUNT" > "$WORK/zint-input.txt" <<'PY'
import sys
for i in range(1, int(sys.argv[1]) + 1):
    print(f"[01]09520123456795[11]261127[10]20261127A[21]{i:010d}")
PY
mkdir -p "$WORK/zint"
t0=$(now); zint --batch -b 58 --gs1 --filetype=PNG -o "$WORK/zint/~~~~~~.png" -i "$WORK/zint-input.txt" >/dev/null; t1=$(now)
ZINT=$(ms_per "$t0" "$t1" "$COUNT")
echo "zint --batch GS1 QR PNG       $COUNT: $(python3 -c "print(f'{$t1-$t0:.2f}')") s  ${ZINT} ms/symbol"

run_png() { # count dpi
  local out="$WORK/png-$1-$2"; mkdir -p "$out"
  local t0 t1; t0=$(now)
  "$BIN" issue --product examples/ebike-battery.yaml --count "$1" --line B1 --shift S --registry "$out/registry.jsonl" \
    --spool "$out/spool" --template battery-60x40 --dpi "$2" >/dev/null
  t1=$(now)
  echo "$(python3 -c "print(f'{$t1-$t0:.3f}')") $(ms_per "$t0" "$t1" "$1") $(cat "$out"/spool/*.png | wc -c)"
}
run_pdf() { # count
  local out="$WORK/pdf-$1"; mkdir -p "$out"
  local t0 t1; t0=$(now)
  "$BIN" issue --product examples/ebike-battery.yaml --count "$1" --line B1 --shift S --registry "$out/registry.jsonl" \
    --pdf "$out/sheet.pdf" --template battery-60x40 --sheet Benchmarks/render/a4-60x40.yaml >/dev/null
  t1=$(now)
  echo "$(python3 -c "print(f'{$t1-$t0:.3f}')") $(ms_per "$t0" "$t1" "$1") $(stat -c %s "$out/sheet.pdf")"
}

run_registry() { # count: the same job with no output: the registry's share (issue 4; rendering overlaps it)
  local out="$WORK/reg-$1"; mkdir -p "$out"
  local t0 t1; t0=$(now)
  "$BIN" issue --product examples/ebike-battery.yaml --count "$1" --line B1 --shift S --registry "$out/registry.jsonl" \
    --template battery-60x40 >/dev/null
  t1=$(now)
  echo "$(python3 -c "print(f'{$t1-$t0:.3f}')") $(ms_per "$t0" "$t1" "$1")"
}
read -r REG_S REG_MS < <(run_registry "$COUNT")
echo "tracelabel registry only       $COUNT: ${REG_S} s  ${REG_MS} ms/label (validation, codes, registry; no labels)"
read -r PNG_S PNG_MS PNG_BYTES < <(run_png "$COUNT" 300)
echo "tracelabel PNG spool 300 dpi   $COUNT: ${PNG_S} s  ${PNG_MS} ms/label   zint/tracelabel = $(python3 -c "print(f'{$ZINT/$PNG_MS:.2f}')")x   $((PNG_BYTES / COUNT)) bytes/label (zint: $(( $(cat "$WORK"/zint/*.png | wc -c) / COUNT )))"
read -r PDF_S PDF_MS PDF_BYTES < <(run_pdf "$COUNT")
echo "tracelabel A4 PDF              $COUNT: ${PDF_S} s  ${PDF_MS} ms/label   $PDF_BYTES bytes ($(python3 -c "print(f'{$PDF_BYTES/$COUNT*1000/1e6:.3f}')") MB per 1,000 labels)"
read -r PDF1_S PDF1_MS PDF1_BYTES < <(run_pdf 1000)
echo "tracelabel A4 PDF              1000: ${PDF1_S} s  ${PDF1_MS} ms/label   $PDF1_BYTES bytes   vs glabels-3-batch 3.8 ms/label (feasibility.md) = $(python3 -c "print(f'{3.8/$PDF1_MS:.1f}')")x"
echo "                               vs glabels-3-batch 14.4 ms/label at 10,000 (feasibility.md) = $(python3 -c "print(f'{14.4/$PDF_MS:.1f}')")x"
for dpi in 203 600; do
  read -r S MS _ < <(run_png 1000 "$dpi")
  echo "tracelabel PNG spool $dpi dpi   1000: ${S} s  ${MS} ms/label"
done
