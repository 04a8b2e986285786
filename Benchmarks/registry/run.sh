#!/usr/bin/env bash
# A million one-item codes into the registry (no rendering), side by side with SQLite WAL synchronous=FULL;
# then `tracelabel verify` beside `sha256sum` of the same file; peak RSS of both. Writes RESULTS.latest.md.
#
#   Benchmarks/registry/run.sh [count] [scratch directory]
#
# Release build: swift build -c release --scratch-path .build-release (done here if missing).
set -euo pipefail
ROOT="$(realpath "$0")"; cd "${ROOT%/Benchmarks/registry/run.sh}"
COUNT=${1:-1000000}
REPEAT=${REPEAT:-3}
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
  # Each workload runs REPEAT times after a `sync` (so earlier writes do not land in its fsyncs); the median
  # run is shown. Other processes' I/O on the same disk still shows up in fsync latency.
  median() { python3 -c 'import json,sys; runs=sorted((json.loads(l) for l in sys.stdin if l.startswith("{")), key=lambda d: d["codes_per_second"]); print(json.dumps(runs[len(runs)//2]))'; }
  for per in 1000 10000; do
    runs=""; rsss=""
    for r in $(seq "$REPEAT"); do
      rm -f "$DIR/registry.jsonl" "$DIR/registry.jsonl.lock"; sync
      res=$( { /usr/bin/time -f "RSS %M" $BIN/registry-bench "$DIR/registry.jsonl" "$COUNT" "$per"; } 2>&1 )
      runs="$runs$(echo "$res" | grep '^{')"$'\n'; rsss="$rsss $(echo "$res" | awk '/^RSS/{print $2}')"
    done
    rss=$(echo $rsss | tr ' ' '\n' | sort -n | tail -1)
    echo -n "$runs" | median | python3 -c "import json,sys; d=json.load(sys.stdin); print('| tracelabel registry | %d | %s | %d | %d | %d MB |' % (d['per_commit'], d['seconds'], d['codes_per_second'], d['bytes'], $rss//1024))"
    runs=""; rsss=""
    for r in $(seq "$REPEAT"); do
      sync
      res=$( { /usr/bin/time -f "RSS %M" python3 Benchmarks/registry/sqlite_peer.py "$DIR/peer.sqlite" "$COUNT" "$per"; } 2>&1 )
      runs="$runs$(echo "$res" | grep '^{')"$'\n'; rsss="$rsss $(echo "$res" | awk '/^RSS/{print $2}')"
    done
    rss=$(echo $rsss | tr ' ' '\n' | sort -n | tail -1)
    echo -n "$runs" | median | python3 -c "import json,sys; d=json.load(sys.stdin); print('| SQLite %s WAL synchronous=FULL (python3 sqlite3) | %d | %s | %d | %d | %d MB |' % (d['sqlite'], d['per_commit'], d['seconds'], d['codes_per_second'], d['bytes'], $rss//1024))"
  done
  echo
  sync
  cat "$DIR/registry.jsonl" > /dev/null
  sha=$(for r in 1 2 3; do seconds sha256sum "$DIR/registry.jsonl"; done | sort -n | sed -n 2p)
  ver=$(for r in 1 2 3; do seconds $BIN/tracelabel verify --registry "$DIR/registry.jsonl"; done | sort -n | sed -n 2p)
  rss=$( { /usr/bin/time -f "RSS %M" $BIN/tracelabel verify --registry "$DIR/registry.jsonl" >/dev/null; } 2>&1 | awk '/^RSS/{print $2}')
  echo "| check of the 10,000-per-commit registry ($(stat -c %s "$DIR/registry.jsonl") bytes) | seconds |"
  echo "|---|---|"
  echo "| sha256sum (median of 3) | $sha |"
  echo "| tracelabel verify, median of 3 (chain, format, duplicates, reservations, gaps) | $ver (peak RSS $((rss/1024)) MB) |"
  python3 -c "print('| ratio verify / sha256sum | %.2f |' % ($ver/$sha))"
} | tee "$OUT"
