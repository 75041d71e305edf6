#!/usr/bin/env bash
# Compares the write path of two builds taking turns on the benchmark's database.
#
#   scripts/bench-ab.sh --old REF [--rounds N] [--slice SECONDS] [--batch READOUTS]
#
#   --old REF        the build to compare with this checkout (a commit, tag or branch)
#   --rounds N       rounds of posts and of batch imports (default 6)
#   --slice S        seconds of wrk posts per build and round (default 10)
#   --batch R        readouts per build and round through POST /api/readouts/batch (default 20000)
#
# Run scripts/bench.sh first: it loads the database readouts_bench (READOUTS_BENCH_DB) and writes
# the post templates this script reuses. The builds take turns serving that database (the old one
# does not migrate), the order swapping every round, so that the machine's drift over minutes
# favours neither. Each batch import is a corpus
# of its own seed, new calls for both builds alike. Results: artifacts/bench-ab/ab.tsv and a
# summary on stdout (medians of the rounds, and new/old). PostgreSQL keeps running.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib/postgres.sh

old= rounds=6 slice=10 batch=20000
while (($#)); do
  case $1 in
    --old) old=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --slice) slice=$2; shift 2 ;;
    --batch) batch=$2; shift 2 ;;
    -h | --help) sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done
[[ -n $old ]] || { echo "--old REF is required (see --help)" >&2; exit 2; }

bench=artifacts/bench
out=artifacts/bench-ab
database=${READOUTS_BENCH_DB:-readouts_bench}
[[ -f $bench/scenarios/post-readout.tsv && -f $bench/corpus/Readouts.Benchmarks.Corpus.dll ]] \
  || { echo "==> Run scripts/bench.sh first: it loads $database and writes $bench/scenarios." >&2; exit 1; }
command -v wrk >/dev/null 2>&1 || { echo "==> wrk not found (scripts/bench.sh installs it)" >&2; exit 1; }
rm -rf "$out"
mkdir -p "$out"

readouts_postgres_up
bench_connection="${READOUTS_PG_CONNECTION/Database=readouts;/Database=$database;}"

_say "Publishing this checkout and $old (Release)"
worktree=$(mktemp -d)
git worktree add --detach -q "$worktree" "$old"
dotnet publish src/Readouts.Api -c Release -o "$out/new" --nologo -v quiet >&2
dotnet publish "$worktree/src/Readouts.Api" -c Release -o "$out/old" --nologo -v quiet >&2
git worktree remove --force "$worktree"

key=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
port=5092
api_pid=
stop_api() {
  [[ -z $api_pid ]] || { kill "$api_pid" 2>/dev/null && wait "$api_pid" 2>/dev/null || true; }
  api_pid=
}
trap stop_api EXIT

# One build serves at a time, started afresh for its turn: the two cannot share the database while
# both run, since an older build's topics are upgraded away when the newer one starts (and its cache
# of topic ids would then be stale). Each turn warms up with 20 s of posts before it is measured.
serve() {
  local build=$1 migrate=false
  [[ $build == new ]] && migrate=true
  (
    cd "$out/$build"
    ASPNETCORE_ENVIRONMENT=Production \
    ConnectionStrings__Readouts="$bench_connection" \
    Database__MigrateOnStartup=$migrate \
    Samples__Load=false \
    RateLimiting__Enabled=false \
    ApiKeys__0="$key" \
      exec dotnet Readouts.Api.dll --urls "http://127.0.0.1:$port"
  ) >>"$out/$build.log" 2>&1 &
  api_pid=$!
  for _ in $(seq 1 120); do
    [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health/ready" || true) == 200 ]] && return 0
    kill -0 "$api_pid" 2>/dev/null || { tail -n 20 "$out/$build.log" >&2; return 1; }
    sleep 1
  done
  echo "==> $build did not become ready within 120 s" >&2
  return 1
}

export BENCH_LUA_DIR=$PWD/tests/Benchmarks/wrk BENCH_API_KEY=$key BENCH_TEMPLATES=$PWD/$bench/scenarios/post-readout.tsv
printf 'round\tbuild\tposts_per_s\tpost_p99_ms\tpost_errors\tbatch_readouts_per_s\tbatch_failed\n' >"$out/ab.tsv"
_say "Rounds: $slice s of posts and $batch readouts of batch imports per build"
for ((round = 1; round <= rounds; round++)); do
  order="old new"
  ((round % 2 == 0)) && order="new old"
  for build in $order; do
    serve "$build"
    BENCH_RESULT=/dev/null wrk -t2 -c16 -d20s -s "$BENCH_LUA_DIR/post.lua" "http://127.0.0.1:$port" >/dev/null
    BENCH_RESULT=$PWD/$out/post-$build-$round.json \
      wrk -t2 -c16 -d"${slice}s" --latency -s "$BENCH_LUA_DIR/post.lua" "http://127.0.0.1:$port" >/dev/null
    seed=$((7000 + round * 2))
    [[ $build == new ]] && seed=$((seed + 1))
    # A failed item (exit 3: another corpus's readout at the same URL) is counted, not fatal.
    dotnet "$bench/corpus/Readouts.Benchmarks.Corpus.dll" load --api "http://127.0.0.1:$port" --key "$key" \
      --readouts "$batch" --seed "$seed" --dir "$out/load-$build-$round" >"$out/load-$build-$round.log" || true
    stop_api
    load=$(grep -o '"loadRps":[0-9.]*' "$out/load-$build-$round/load.json" | cut -d: -f2)
    failed=$(grep -o '"failed":[0-9]*' "$out/load-$build-$round/load.json" | cut -d: -f2)
    json=$(cat "$out/post-$build-$round.json")
    rps=$(grep -o '"rps":[0-9.]*' <<<"$json" | cut -d: -f2)
    p99=$(grep -o '"p99Ms":[0-9.]*' <<<"$json" | cut -d: -f2)
    errors=$(grep -o '"errors":[0-9]*' <<<"$json" | cut -d: -f2)
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$build" "$rps" "$p99" "$errors" "$load" "$failed" | tee -a "$out/ab.tsv" >&2
  done
done

# Medians per build, and the new build's over the old one's.
awk -F'\t' 'NR > 1 { posts[$2] = posts[$2] " " $3; loads[$2] = loads[$2] " " $6 }
  function median(list,   n, a, i, j, t) {
    n = split(list, a, " ")
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  END {
    po = median(posts["old"]); pn = median(posts["new"]); lo = median(loads["old"]); ln = median(loads["new"])
    printf "posts/s: old %.0f, new %.0f (new/old %.3f)\n", po, pn, pn / po
    printf "batch readouts/s: old %.0f, new %.0f (new/old %.3f)\n", lo, ln, ln / lo
  }' "$out/ab.tsv" | tee "$out/summary.txt"
