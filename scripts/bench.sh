#!/usr/bin/env bash
# Benchmarks the API on this machine against a synthetic corpus.
#
#   scripts/bench.sh [--readouts N] [--duration SECONDS]
#
#   --readouts N    readouts in the corpus (default 1000000; 50000 for a quick look)
#   --duration S    seconds of wrk per scenario (default 20)
#
# Starts PostgreSQL as the run command does, recreates the database readouts_bench, publishes the
# API, a raw-Npgsql baseline and the corpus tool (tests/Benchmarks), loads the corpus through
# POST /api/readouts/batch, then drives each scenario with wrk (-t2 -c16, loopback) and the write
# ceiling with pgbench. A scenario with a baseline alternates API and baseline in slices of 5 s.
# Results: a table on stdout, artifacts/bench/report.json and report.md (paste into the README),
# with PASS/FAIL per target; logs and wrk outputs in artifacts/bench/.
# Exits non-zero when something breaks, not when a target is missed. PostgreSQL keeps running.
# READOUTS_BENCH_PORT (default 5090; the baseline takes the next one) and READOUTS_BENCH_DB
# (default readouts_bench) keep a second run apart from the first.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib/postgres.sh

readouts=1000000
duration=20
while (($#)); do
  case $1 in
    --readouts) readouts=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    -h | --help) sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done

command -v dotnet >/dev/null 2>&1 || { echo "==> dotnet not found: install the .NET 10 SDK" >&2; exit 1; }
if ! command -v wrk >/dev/null 2>&1; then
  _say "wrk not found; installing Debian's wrk package"
  sudo=()
  [[ $(id -u) == 0 ]] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq >&2
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >&2
fi

out=artifacts/bench
port=${READOUTS_BENCH_PORT:-5090}
api_url=http://127.0.0.1:$port
baseline_url=http://127.0.0.1:$((port + 1))
database=${READOUTS_BENCH_DB:-readouts_bench}
rm -rf "$out"
mkdir -p "$out/wrk" "$out/pgbench"

readouts_postgres_up
admin_connection=$READOUTS_PG_CONNECTION
bench_connection="${READOUTS_PG_CONNECTION/Database=readouts;/Database=$database;}"

_say "Publishing the API, the baseline and the corpus tool (Release)"
dotnet publish src/Readouts.Api -c Release -o "$out/api" --nologo -v quiet >&2
dotnet publish tests/Benchmarks/Readouts.Benchmarks.Baseline -c Release -o "$out/baseline" --nologo -v quiet >&2
dotnet publish tests/Benchmarks/Readouts.Benchmarks.Corpus -c Release -o "$out/corpus" --nologo -v quiet >&2
corpus() { dotnet "$out/corpus/Readouts.Benchmarks.Corpus.dll" "$@"; }

_say "Recreating database $database"
corpus sql --connection "$admin_connection" "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null
corpus sql --connection "$admin_connection" "CREATE DATABASE $database" >/dev/null

api_pid= baseline_pid=
stop_servers() {
  local pid
  for pid in $api_pid $baseline_pid; do
    kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  done
}
trap stop_servers EXIT

for p in "$port" "$((port + 1))"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
    echo "==> Port $p is taken; set READOUTS_BENCH_PORT to a free pair of ports." >&2
    exit 1
  fi
done

# Each server runs from its publish directory, its content root: that is where appsettings.json
# (the API's log format among others) is read from.
key=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
_say "Starting the API on $api_url (log: $out/api.log)"
(
  cd "$out/api"
  ASPNETCORE_ENVIRONMENT=Production \
  ConnectionStrings__Readouts="$bench_connection" \
  Database__MigrateOnStartup=true \
  Samples__Load=false \
  RateLimiting__Enabled=false \
  ApiKeys__0="$key" \
    exec dotnet Readouts.Api.dll --urls "$api_url"
) >"$out/api.log" 2>&1 &
api_pid=$!

_say "Starting the baseline on $baseline_url (log: $out/baseline.log)"
(
  cd "$out/baseline"
  ASPNETCORE_ENVIRONMENT=Production \
  ConnectionStrings__Readouts="$bench_connection" \
    exec dotnet Readouts.Benchmarks.Baseline.dll --urls "$baseline_url"
) >"$out/baseline.log" 2>&1 &
baseline_pid=$!

# Waits until a URL answers with the given status (000 = anything), or fails if the process died.
wait_for() {
  local url=$1 status=$2 pid=$3 log=$4 code
  for _ in $(seq 1 120); do
    code=$(curl -s -o /dev/null -w '%{http_code}' "$url" || true)
    if [[ $code == "$status" || ($status == 000 && $code != 000) ]]; then
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "==> $url: the process exited; last lines of $log:" >&2
      tail -n 20 "$log" >&2
      return 1
    fi
    sleep 1
  done
  echo "==> $url did not answer $status within 120 s" >&2
  return 1
}
wait_for "$api_url/health/ready" 200 "$api_pid" "$out/api.log"
wait_for "$baseline_url/api/calls/1" 000 "$baseline_pid" "$out/baseline.log"

_say "Loading $readouts readouts through POST /api/readouts/batch"
corpus load --api "$api_url" --key "$key" --readouts "$readouts" --dir "$out"
# As after any backfill: fresh statistics for the planner, and a visibility map that lets the
# covering (date, id) index answer lists without visiting the calls themselves. Then a checkpoint,
# so that the scenarios measure the API at work rather than the disk writing out gigabytes of the
# load in the background (a commit's WAL flush waits behind that writeback).
_say "VACUUM (ANALYZE) and CHECKPOINT after the load"
corpus sql --connection "$bench_connection" "VACUUM (ANALYZE)" >/dev/null
corpus sql --connection "$admin_connection" "CHECKPOINT" >/dev/null
corpus scenarios --api "$api_url" --dir "$out"

export BENCH_LUA_DIR=$PWD/tests/Benchmarks/wrk BENCH_API_KEY=$key BENCH_TEMPLATES=$PWD/$out/scenarios/post-readout.tsv

get_scenarios=(calls-by-leader calls-by-pair calls-by-date calls-by-topic calls-by-source
  calls-q-en calls-q-ru calls-q-tr calls-q-fr calls-q-es calls-deep-pages call-by-id call-comparison leaders-q
  page-home page-call)

# run_wrk NAME URL SCRIPT [PATHS]: one scenario; its result lands in $out/wrk/NAME.json.
run_wrk() {
  local name=$1 url=$2 script=$3 paths=${4:-}
  printf '    %-26s' "$name" >&2
  BENCH_PATHS=$paths BENCH_RESULT=$PWD/$out/wrk/$name.json \
    wrk -t2 -c16 -d"${duration}s" --latency -s "$BENCH_LUA_DIR/$script" "$url" >"$out/wrk/$name.txt" 2>&1 \
    || { echo; cat "$out/wrk/$name.txt" >&2; return 1; }
  grep -o '"rps":[0-9.]*\|"p99Ms":[0-9.]*\|"errors":[0-9]*' "$out/wrk/$name.json" | tr '\n' ' ' >&2
  echo >&2
}

# Connection pools and the JIT warm up before anything is measured. Tiered compilation needs
# each endpoint's code to run under load for a few seconds before it is fully optimised, so every
# GET scenario gets its own warm-up: otherwise the first ones measured would pay for the rest.
_say "Warming up (5 s per scenario, not reported)"
warm() {
  BENCH_PATHS=$out/scenarios/$2.txt BENCH_RESULT=/dev/null \
    wrk -t2 -c16 -d5s -s "$BENCH_LUA_DIR/get.lua" "$1" >/dev/null
}
for file in "${get_scenarios[@]}"; do
  warm "$api_url" "$file"
done
warm "$baseline_url" calls-by-leader
warm "$baseline_url" call-by-id

# run_against_baseline NAME: the API and the baseline on one scenario, in alternating slices
# that add up to the scenario's duration for each. This machine's speed drifts by a third over
# minutes; a ratio must compare the two over the same minutes. The order swaps every round (API,
# baseline, baseline, API, ...) so that a drift in one direction favours neither.
run_against_baseline() {
  local name=$1 slice=$((duration / slices)) i target url result order
  mkdir -p "$out/wrk/slices"
  printf '    %-26s' "$name (+ baseline)" >&2
  for ((i = 1; i <= slices; i++)); do
    order="api baseline"
    ((i % 2 == 0)) && order="baseline api"
    for target in $order; do
      url=$api_url
      [[ $target == baseline ]] && url=$baseline_url
      result=$out/wrk/slices/$target-$name.$i
      BENCH_PATHS=$PWD/$out/scenarios/$name.txt BENCH_RESULT=$PWD/$result.json \
        wrk -t2 -c16 -d"${slice}s" --latency -s "$BENCH_LUA_DIR/get.lua" "$url" \
        >"$result.txt" 2>&1 || { echo; cat "$result.txt" >&2; return 1; }
      printf '.' >&2
    done
  done
  corpus merge-slices --out "$out/wrk/$name.json" "$out/wrk/slices/api-$name".*.json
  corpus merge-slices --out "$out/wrk/baseline-$name.json" "$out/wrk/slices/baseline-$name".*.json
  grep -o '"rps":[0-9.]*\|"p99Ms":[0-9.]*\|"errors":[0-9]*' "$out/wrk/$name.json" | tr '\n' ' ' >&2
  printf '| baseline ' >&2
  grep -o '"rps":[0-9.]*' "$out/wrk/baseline-$name.json" >&2
}

slices=4
((duration / slices >= 5)) || slices=$((duration / 5 > 0 ? duration / 5 : 1))
_say "Scenarios: wrk -t2 -c16 -d${duration}s; with a baseline, $slices alternating slices of $((duration / slices)) s each"
for file in "${get_scenarios[@]}"; do
  if [[ $file == calls-by-leader || $file == call-by-id ]]; then
    run_against_baseline "$file"
  else
    run_wrk "$file" "$api_url" get.lua "$PWD/$out/scenarios/$file.txt"
  fi
done
# The write path warms up right before it is measured, and for longer: none of the GETs run its
# code, and under load on two cores posts took about 25 s to reach full speed. Its posts are new
# calls and second sides like the measured ones.
BENCH_RESULT=/dev/null wrk -t2 -c16 -d20s -s "$BENCH_LUA_DIR/post.lua" "$api_url" >/dev/null
run_wrk post-readout "$api_url" post.lua

pgbench=$(command -v pgbench || ls -d /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | sort -V | tail -n 1 || true)
if [[ -n $pgbench && -x $pgbench ]]; then
  _say "pgbench: single-row readout inserts, 16 clients, ${duration} s"
  corpus pgbench-prepare --connection "$bench_connection" --api "$api_url" --dir "$out"
  PGPASSWORD=readouts "$pgbench" -h 127.0.0.1 -p "$READOUTS_PG_PORT" -U readouts -n -c 16 -j 2 -T "$duration" \
    -f "$out/pgbench-insert.sql" -l --log-prefix "$out/pgbench/log" "$database" >"$out/pgbench/pgbench.txt" 2>&1 \
    || { cat "$out/pgbench/pgbench.txt" >&2; exit 1; }
  corpus pgbench-finish --connection "$bench_connection" --dir "$out" --log-prefix "$out/pgbench/log" --stdout "$out/pgbench/pgbench.txt"
else
  _say "pgbench not found (PostgreSQL's client tools): no write ceiling, post-readout has no ratio"
fi

rss_kb=$(awk '/^VmHWM:/ { print $2 }' "/proc/$api_pid/status")

# The exports, last, one at a time: each reads the whole corpus once. Their peak RSS is their own:
# writing 5 to clear_refs resets VmHWM (Linux 4.0 and later) once the run's has been read.
_say "Exports: GET /api/export/readouts.ndjson and /api/export/calls.csv"
mkdir -p "$out/exports"
for export in readouts.ndjson:"SELECT count(*) FROM readouts WHERE deleted_at IS NULL" calls.csv:"SELECT count(*) FROM calls"; do
  file=${export%%:*}
  rows=$(corpus sql --connection "$bench_connection" "${export#*:}")
  echo 5 >"/proc/$api_pid/clear_refs" 2>/dev/null || _say "Cannot reset the API's peak RSS: the export's includes the run's"
  timing=$(curl -s -o /dev/null -w '"seconds":%{time_total},"bytes":%{size_download},"status":%{http_code}' "$api_url/api/export/$file")
  peak=$(awk '/^VmHWM:/ { print $2 }' "/proc/$api_pid/status")
  echo "{\"file\":\"$file\",\"rows\":$rows,$timing,\"peakRssKb\":$peak}" >"$out/exports/$file.json"
  _say "  $file: $(cat "$out/exports/$file.json")"
done

corpus report --connection "$admin_connection" --database "$database" --dir "$out" --rss-kb "$rss_kb" --duration "$duration"
_say "Report: $out/report.json, $out/report.md"
_say "PostgreSQL keeps running; stop it with: (source scripts/lib/postgres.sh && readouts_postgres_down)"
