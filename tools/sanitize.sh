#!/usr/bin/env bash
# make sanitize: builds the tests under each sanitizer named (default: address thread) in a scratch folder of its
# own (.build-address, .build-thread: the ordinary .build stays as it is) and runs the whole suite with it. Every
# process the tests start (tracelabel issue, serve, …) is built with the same sanitizer and writes any report to
# .build-<sanitizer>/reports/, so a report from a child process is counted even when its test passes.
#   tools/sanitize.sh [address|thread …]        SANITIZE_FILTER=RegistryProcessTests tools/sanitize.sh thread
set -euo pipefail
root=$(realpath "$0"); root=${root%/tools/sanitize.sh}
cd "$root"
sanitizers=("$@")
[ ${#sanitizers[@]} -gt 0 ] || sanitizers=(address thread)
filter=()
[ -n "${SANITIZE_FILTER:-}" ] && filter=(--filter "$SANITIZE_FILTER")
status=0
for s in "${sanitizers[@]}"; do
  case "$s" in address|thread) ;; *) echo "sanitize: '$s' is not one of address, thread" >&2; exit 64 ;; esac
  scratch=".build-$s"
  reports="$root/$scratch/reports"
  rm -rf "$reports"; mkdir -p "$reports"
  echo "== $s: building the tests into $scratch"
  swift build --build-tests --sanitize="$s" --scratch-path "$scratch" 2>&1 | grep -E "error:|Compiling|Build complete" | grep -v Compiling || true
  echo "== $s: running the tests"
  start=$(date +%s)
  set +e
  ASAN_OPTIONS="detect_leaks=0:log_path=$reports/asan" TSAN_OPTIONS="log_path=$reports/tsan:halt_on_error=0" \
    tools/without-siblings.sh swift test --skip-build --sanitize="$s" --scratch-path "$scratch" "${filter[@]}" \
    > "$scratch/test.log" 2>&1
  tests=$?
  set -e
  found=$(cat "$reports"/* 2>/dev/null | grep -cE "^(==[0-9]+==)?(ERROR: AddressSanitizer|WARNING: ThreadSanitizer)" || true)
  summary=$(grep -E "^[✔✘] Test run with" "$scratch/test.log" | tail -1)
  echo "== $s: $summary; $((($(date +%s) - start))) s; sanitizer reports: $found (in $reports)"
  [ $tests -eq 0 ] && [ "$found" -eq 0 ] || status=1
done
exit $status
