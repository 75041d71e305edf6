#!/usr/bin/env bash
# Runs every check CI runs: PostgreSQL up, build (warnings are errors), format check, all tests.
# Extra arguments go to dotnet test (e.g. --filter Linking).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/postgres.sh

readouts_postgres_up
# The tests make throwaway databases on this server; without the variable they use Testcontainers.
export READOUTS_TEST_POSTGRES="$READOUTS_PG_CONNECTION"

dotnet tool restore >/dev/null
dotnet build Readouts.sln -c Release
dotnet format Readouts.sln --verify-no-changes --no-restore

results=artifacts/test-results
rm -rf "$results"
status=0
dotnet test Readouts.sln -c Release --no-build --logger "console;verbosity=normal" \
  --logger "trx;LogFileName=results.trx" --results-directory "$results" "$@" || status=$?

trx="$results/results.trx"
if [[ -f $trx ]]; then
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  count() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
  echo "$(count passed) passed, $(count failed) failed, $(count notExecuted) skipped"
fi
exit $status
