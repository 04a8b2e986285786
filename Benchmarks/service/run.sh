#!/usr/bin/env bash
# The service under load (issue 12): a registry of COUNT issued one-item codes (registry-bench), then
#   - start-up: `tracelabel serve` until /readyz answers (the in-memory ledger has read the whole registry);
#   - resolver lookups with wrk on loopback, JSON (Accept: application/json) and HTML, one code;
#   - an issue job of JOB labels (PDF) through the API beside the same job with the CLI.
# Writes bench-out/service-results.md.
#
#   Benchmarks/service/run.sh [count] [scratch directory]
#
# Needs wrk (Benchmarks/setup.sh) and the release build in .build-release (built here if missing).
set -euo pipefail
ROOT="$(realpath "$0")"; cd "${ROOT%/Benchmarks/service/run.sh}"
REPO="$(pwd)"
COUNT=${1:-1000000}
DIR=${2:-/tmp/tracelabel-service-bench}
JOB=${JOB:-10000}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
PORT=${PORT:-18480}
BIN=.build-release/release
# The registry is only data for the server: any build of registry-bench makes the same file.
GENERATOR=${REGISTRY_BENCH:-$BIN/registry-bench}
[ -x "$GENERATOR" ] || swift build -c release --scratch-path .build-release --product registry-bench
[ -x $BIN/tracelabel ] || swift build -c release --scratch-path .build-release --product tracelabel
command -v wrk >/dev/null || { echo "wrk missing: run Benchmarks/setup.sh" >&2; exit 1; }
rm -rf "$DIR"; mkdir -p "$DIR/products"
cp examples/ebike-battery.yaml examples/hangzhou-battery.producer.yaml "$DIR/products/"
cp -r examples/documents "$DIR/products/"
"$GENERATOR" "$DIR/registry.jsonl" "$COUNT" 10000 "$DIR/products/ebike-battery.yaml" >/dev/null
cat > "$DIR/service.yaml" <<YAML
listen: {host: 127.0.0.1, port: $PORT}
registry: registry.jsonl
products: products
jobs: jobs
tokens: tokens.yaml
limits: {max_count: 100000}
YAML
TOKEN=$($BIN/tracelabel token add --file "$DIR/tokens.yaml" --name bench --role admin)
start=$(date +%s.%N)
LOG_LEVEL=warning $BIN/tracelabel serve --config "$DIR/service.yaml" >"$DIR/serve.out" 2>"$DIR/serve.err" &
PID=$!
trap 'kill -TERM $PID 2>/dev/null || true' EXIT
until curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null; do sleep 0.05; done
ready=$(date +%s.%N)
RSS=$(awk '/VmRSS/{print int($2/1024)}' /proc/$PID/status)
# A code in the middle of the registry.
CODE=$(sed -n "$((COUNT / 2 + 3))p" "$DIR/registry.jsonl" | python3 -c 'import json,sys; print(json.load(sys.stdin)["dl"])')
URLPATH="/${CODE#https://*/}"
URL="http://127.0.0.1:$PORT$URLPATH"
curl -sf -H "Accept: application/json" "$URL" >/dev/null
wrk_row() { # label, connections, extra wrk args...
  local label=$1 connections=$2; shift 2
  local out; out=$(wrk -t2 -c"$connections" -d"$DURATION" --latency "$@" "$URL")
  local rps; rps=$(echo "$out" | awk '/Requests\/sec/{print $2}')
  local p50; p50=$(echo "$out" | awk '/^ +50%/{print $2}')
  local p99; p99=$(echo "$out" | awk '/^ +99%/{print $2}')
  local non2xx; non2xx=$(echo "$out" | awk '/Non-2xx/{print $NF}')
  echo "| resolver $label, $connections connections | $rps | $p50 | $p99 | ${non2xx:-0} |"
}
# Latency depends on how many clients wait at once (on 2 cores wrk and the server share the CPUs): the JSON form is
# measured at each of CONNECTION_SWEEP, the HTML form at CONNECTIONS.
JSON_ROWS=""
for c in ${CONNECTION_SWEEP:-16 32 $CONNECTIONS}; do
  JSON_ROWS+="$(wrk_row "JSON" "$c" -H "Accept: application/json")"$'\n'
done
HTML_ROW=$(wrk_row "HTML" "$CONNECTIONS")
# An issue job of JOB labels with a PDF: API (submit, poll until done) beside the CLI on a copy of the registry.
t0=$(date +%s.%N)
ID=$(curl -sf -X POST -H "Authorization: Bearer $TOKEN" \
  -d "{\"product\":\"ebike-battery\",\"count\":$JOB,\"line\":\"L1\",\"shift\":\"BENCH-API\",\"outputs\":{\"pdf\":true}}" \
  "http://127.0.0.1:$PORT/api/v1/jobs" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
while :; do
  S=$(curl -sf -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/v1/jobs/$ID" | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')
  [ "$S" = running ] || break; sleep 0.1
done
t1=$(date +%s.%N)
kill -TERM $PID; wait $PID || true; trap - EXIT
cp "$DIR/registry.jsonl" "$DIR/registry-cli.jsonl"
t2=$(date +%s.%N)
$BIN/tracelabel issue --product "$DIR/products/ebike-battery.yaml" --count "$JOB" --line L1 --shift BENCH-CLI \
  --registry "$DIR/registry-cli.jsonl" --pdf "$DIR/cli.pdf" >/dev/null
t3=$(date +%s.%N)
OUT=${OUT:-bench-out/service-results.md}
mkdir -p "$(dirname "$OUT")"
{
  echo "# Service benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $COUNT codes in the registry"
  echo
  echo "start-up (serve until /readyz): $(python3 -c "print('%.2f s' % ($ready - $start))"), RSS after start-up $RSS MB"
  echo
  echo "| workload | requests/s | p50 | p99 | non-2xx |"
  echo "|---|---|---|---|---|"
  printf '%s' "$JSON_ROWS"
  echo "$HTML_ROW"
  echo
  echo "issue job of $JOB labels with a PDF: API $(python3 -c "print('%.2f s' % ($t1 - $t0))") (status $S), CLI $(python3 -c "print('%.2f s' % ($t3 - $t2))")"
} | tee "$OUT"
