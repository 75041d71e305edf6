#!/usr/bin/env bash
# Runs every check CI runs: PostgreSQL up (scripts/lib/postgres.sh), build (warnings are errors),
# format check, all tests. Extra arguments go to dotnet test, e.g.
#   ./scripts/test.sh --filter "FullyQualifiedName~Linking"
# Ends with one line "N passed, N failed, N skipped" (then any error raised outside a test, such as
# a fixture's failed clean-up) and dotnet test's exit code. PostgreSQL is stopped afterwards if this
# command started it; READOUTS_KEEP_POSTGRES=1 keeps it running. Each clone has its own server, on
# a port of its own (scripts/lib/postgres.sh), so clones test side by side. The browser tests get
# Chromium and chromedriver (installed with apt-get when missing) and axe-core (npm ci in
# tests/Browser) from scripts/lib/browser.sh.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib/postgres.sh
source scripts/lib/browser.sh

command -v dotnet >/dev/null 2>&1 || { echo "==> dotnet not found: install the .NET 10 SDK" >&2; exit 1; }
# Before PostgreSQL: a machine without a browser stops here, at once, saying what to install.
readouts_browser_up

readouts_postgres_up
if [[ $READOUTS_PG_STARTED == 1 && ${READOUTS_KEEP_POSTGRES:-0} != 1 ]]; then
  trap 'echo "==> Stopping the PostgreSQL this command started (READOUTS_KEEP_POSTGRES=1 keeps it)" >&2; readouts_postgres_down' EXIT
fi
# The tests make throwaway databases on this server; without the variable they use Testcontainers.
export READOUTS_TEST_POSTGRES="$READOUTS_PG_CONNECTION"
# The restart tests stop and start that server through the same functions.
export READOUTS_TEST_POSTGRES_SCRIPT="$PWD/scripts/lib/postgres.sh"

echo "==> dotnet tool restore" >&2
if ! tools=$(dotnet tool restore 2>&1); then
  printf '%s\n' "$tools" >&2
  exit 1
fi
echo "==> dotnet build" >&2
dotnet build Readouts.sln -c Release
echo "==> dotnet format --verify-no-changes" >&2
dotnet format Readouts.sln --verify-no-changes --no-restore

results=artifacts/test-results
trx="$results/results.trx"
rm -rf "$results"
echo "==> dotnet test" >&2
status=0
dotnet test Readouts.sln -c Release --no-build --logger "console;verbosity=normal" \
  --logger "trx;LogFileName=results.trx" --results-directory "$results" "$@" || status=$?

if [[ ! -f $trx ]]; then
  echo "==> No test results ($trx)" >&2
  exit $((status == 0 ? 1 : status))
fi
# <Counters total="4" executed="3" passed="2" failed="1" error="0" timeout="0" aborted="0" .../>
# Skipped tests count as neither executed nor notExecuted: skipped = total - executed.
counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1 || true)
counter() {
  local n
  n=$(sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters")
  echo "${n:-0}"
}
passed=$(counter passed)
failed=$(($(counter failed) + $(counter error) + $(counter timeout) + $(counter aborted)))
skipped=$(($(counter total) - $(counter executed)))
((skipped >= 0)) || skipped=0
echo "$passed passed, $failed failed, $skipped skipped"
# A fixture that fails to clean up fails the run without failing a test: say so here, at the
# end, where a CI log's tail shows it. xunit prints the whole stack trace above.
errors=$(sed -n '/<RunInfo .*outcome="Error"/,/<\/RunInfo>/s/.*<Text>\(.*\)/\1/p' "$trx" | sed 's/<\/Text>.*//')
if [[ -n $errors ]]; then
  echo "Errors outside any test (search the output above for them):"
  printf '%s\n' "$errors"
fi
exit $status
