#!/usr/bin/env bash
# Runs the API as a newcomer would: PostgreSQL up (scripts/lib/postgres.sh), migrations applied,
# the sample readouts loaded, Swagger UI served on http://localhost:${READOUTS_PORT:-5080}/swagger.
# Extra arguments go to the API (e.g. --Samples:Load=false). Ctrl+C stops the API; PostgreSQL keeps
# running (see readouts_postgres_down in scripts/lib/postgres.sh).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib/postgres.sh

command -v dotnet >/dev/null 2>&1 || { echo "==> dotnet not found: install the .NET 10 SDK" >&2; exit 1; }

readouts_postgres_up
port="${READOUTS_PORT:-5080}"
if [[ -z ${READOUTS_PORT:-} ]]; then
  # Another clone's API (or anything else) on 5080: the next free port, said below.
  while _port_taken "$port" && ((port < 5180)); do
    port=$((port + 1))
  done
fi
echo "==> PostgreSQL: 127.0.0.1:$READOUTS_PG_PORT (data under $READOUTS_ROOT/.data)" >&2
echo "==> Pages: http://localhost:$port/ · Swagger UI: http://localhost:$port/swagger" >&2
echo "==> Write API key (Development): readouts-dev-key" >&2
ConnectionStrings__Readouts="$READOUTS_PG_CONNECTION" \
ASPNETCORE_ENVIRONMENT=Development \
Samples__Load=true \
Database__MigrateOnStartup=true \
  exec dotnet run --project src/Readouts.Api/Readouts.Api.csproj --urls "http://127.0.0.1:$port" "$@"
