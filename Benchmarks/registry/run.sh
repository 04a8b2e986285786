#!/usr/bin/env bash
# A million one-item codes into the registry (no rendering), side by side with SQLite WAL synchronous=FULL;
# then `tracelabel verify` beside `sha256sum` of the same file; peak RSS of both. Writes RESULTS.latest.md.
#
#   Benchmarks/registry/run.sh [count] [scratch directory]
#
# Release build: swift build -c release --scratch-path .build-release (done here if missing).
set -euo pipefail
cd "$(dirname "$0")/../.."
COUNT=${1:-1000000}
DIR=${2:-/tmp/tracelabel-registry-bench}
BIN=.build-release/release
if [ ! -x $BIN/registry-bench ] || [ ! -x $BIN/tracelabel ]; then
  swift build -c release --scratch-path .build-release --product registry-bench
  swift build -c release --scratch-path .build-release --product tracelabel
fi
mkdir -p "$DIR"
OUT=${OUT:-bench-out/registry-results.md}
mkdir -p "$(dirname "$OUT")"
seconds() { python3 -c 'import sys,time,subprocess; t=time.perf_counter(); subprocess.run(sys.argv[1:],check=True,stdout=subprocess.DEVNULL); print("%.3f"%(time.perf_counter()-t))' "$@"; }
{
  echo "# Registry benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "| workload | codes/commit | seconds | codes/s | bytes | peak RSS |"
  echo "|---|---|---|---|---|---|"
  for per in 1000 10000; do
    rm -f "$DIR/registry.jsonl" "$DIR/registry.jsonl.lock"
    res=$( { /usr/bin/time -f "RSS %M" $BIN/registry-bench "$DIR/registry.jsonl" "$COUNT" "$per"; } 2>&1 )
    json=$(echo "$res" | grep '^{'); rss=$(echo "$res" | awk '/^RSS/{print $2}')
    echo "$json" | python3 -c "import json,sys; d=json.load(sys.stdin); print('| tracelabel registry | %d | %s | %d | %d | %d MB |' % (d['per_commit'], d['seconds'], d['codes_per_second'], d['bytes'], $rss//1024))"
    res=$( { /usr/bin/time -f "RSS %M" python3 Benchmarks/registry/sqlite_peer.py "$DIR/peer.sqlite" "$COUNT" "$per"; } 2>&1 )
    json=$(echo "$res" | grep '^{'); rss=$(echo "$res" | awk '/^RSS/{print $2}')
    echo "$json" | python3 -c "import json,sys; d=json.load(sys.stdin); print('| SQLite %s WAL synchronous=FULL (python3 sqlite3) | %d | %s | %d | %d | %d MB |' % (d['sqlite'], d['per_commit'], d['seconds'], d['codes_per_second'], d['bytes'], $rss//1024))"
  done
  echo
  sync
  cat "$DIR/registry.jsonl" > /dev/null
  sha=$(seconds sha256sum "$DIR/registry.jsonl")
  ver=$(seconds $BIN/tracelabel verify --registry "$DIR/registry.jsonl")
  rss=$( { /usr/bin/time -f "RSS %M" $BIN/tracelabel verify --registry "$DIR/registry.jsonl" >/dev/null; } 2>&1 | awk '/^RSS/{print $2}')
  echo "| check of the 10,000-per-commit registry ($(stat -c %s "$DIR/registry.jsonl") bytes) | seconds |"
  echo "|---|---|"
  echo "| sha256sum | $sha |"
  echo "| tracelabel verify (chain, duplicates, reservations, gaps) | $ver (peak RSS $((rss/1024)) MB) |"
  python3 -c "print('| ratio verify / sha256sum | %.2f |' % ($ver/$sha))"
} | tee "$OUT"
