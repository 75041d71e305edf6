#!/usr/bin/env bash
# Runs the API as a newcomer would: PostgreSQL up, migrations applied, the seed's readouts loaded,
# Swagger UI served. Ctrl+C stops the API; PostgreSQL keeps running (scripts/lib/postgres.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/postgres.sh

readouts_postgres_up
port="${READOUTS_PORT:-5080}"
echo "==> Swagger UI: http://localhost:$port/swagger" >&2
echo "==> Write API key (Development): readouts-dev-key" >&2
ConnectionStrings__Readouts="$READOUTS_PG_CONNECTION" \
ASPNETCORE_ENVIRONMENT=Development \
Database__MigrateOnStartup=true \
Samples__Load=true \
  exec dotnet run --project src/Readouts.Api/Readouts.Api.csproj --urls "http://127.0.0.1:$port"
