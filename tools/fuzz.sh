#!/usr/bin/env bash
# make fuzz: builds tracelabel-fuzz with libFuzzer and AddressSanitizer, then runs every target (or those named) for
# FUZZ_SECONDS each (default 60) over a working copy of its corpus. A crash or a broken property stops the target and
# leaves its input in .build-fuzz/crashes/; copy it into Fuzz/corpus/<target>/ (as crash-<what>) with the fix, and
# FuzzCorpusTests replays it in `make test` from then on.
#   tools/fuzz.sh [TARGET…]        FUZZ_SECONDS=300 tools/fuzz.sh hri
set -euo pipefail
root=$(realpath "$0"); root=${root%/tools/fuzz.sh}
cd "$root"
seconds=${FUZZ_SECONDS:-60}
scratch=.build-fuzz
# gold fails on the instrumented objects (internal error in format_file_lineno); lld links them.
swift build --product tracelabel-fuzz --scratch-path "$scratch" \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xswiftc -use-ld=lld 2>&1 | grep -E "error:|complete" || true
binary="$scratch/debug/tracelabel-fuzz"
[ -x "$binary" ] || { echo "fuzz: the build of $binary failed" >&2; exit 1; }
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=($(ls Fuzz/corpus))
mkdir -p "$scratch/crashes"
failed=()
printf '%-16s %10s %8s %8s  %s\n' target runs seconds corpus result
for t in "${targets[@]}"; do
  [ -d "Fuzz/corpus/$t" ] || { echo "fuzz: no target '$t' (Fuzz/corpus/$t is missing)" >&2; exit 64; }
  work="$scratch/corpus/$t"; mkdir -p "$work"
  log="$scratch/$t.log"
  set +e
  TRACELABEL_FUZZ_TARGET="$t" TRACELABEL_TEMPLATES="$root/templates" ASAN_OPTIONS=detect_leaks=0 \
    "$binary" -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$scratch/crashes/$t-" "$work" "Fuzz/corpus/$t" >"$log" 2>&1
  status=$?
  set -e
  runs=$(grep -o 'Done [0-9]* runs' "$log" | grep -o '[0-9]*' || echo "?")
  if [ $status -eq 0 ]; then result=clean; else result="FAILED (exit $status; see $log)"; failed+=("$t"); fi
  printf '%-16s %10s %8s %8s  %s\n' "$t" "$runs" "$seconds" "$(ls "$work" | wc -l)" "$result"
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: ${failed[*]} failed; inputs in $scratch/crashes/" >&2
  exit 1
fi
