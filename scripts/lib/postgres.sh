#!/usr/bin/env bash
# PostgreSQL for the run and test commands. Source it, then call readouts_postgres_up: afterwards
# READOUTS_PG_CONNECTION holds an Npgsql connection string for role "readouts" (may create
# databases) on database "readouts".
#
# - A Docker engine answers: the "db" service of docker-compose.yml.
# - Otherwise: a private cluster from this machine's PostgreSQL binaries (apt-get installs them if
#   missing), on 127.0.0.1 only, data under <repo>/.data/postgres (git-ignored). PostgreSQL refuses
#   to run as root, so as root the cluster runs as the "postgres" user.
#
# The port: READOUTS_PG_PORT when set; otherwise this clone's own, remembered in .data/postgres-port:
# 55432 when free, else the next free one (said when chosen), so that clones run side by side.
# READOUTS_PG_STARTED=1 afterwards when _up started the server (it was not running).
# readouts_postgres_down stops the server.

READOUTS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
_READOUTS_PG_PORT_GIVEN=${READOUTS_PG_PORT:-}
_READOUTS_PG_PORT_FILE="$READOUTS_ROOT/.data/postgres-port"
READOUTS_PG_PORT="${READOUTS_PG_PORT:-$(cat "$_READOUTS_PG_PORT_FILE" 2>/dev/null || echo 55432)}"

_say() { printf '==> %s\n' "$*" >&2; }

_port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Two clones starting at the same moment must not pick the same free port: the choice and the
# start happen under one machine-wide lock (where flock exists).
_port_lock() {
  command -v flock >/dev/null 2>&1 || return 0
  exec 9>/tmp/readouts-postgres-ports.lock
  flock -w 120 9 || true
}
_port_unlock() {
  command -v flock >/dev/null 2>&1 || return 0
  flock -u 9 || true
  exec 9>&-
}

# Sets READOUTS_PG_PORT to a free port for this clone's server, unless the caller gave one.
_choose_port() {
  if [[ -n $_READOUTS_PG_PORT_GIVEN ]]; then
    if _port_taken "$READOUTS_PG_PORT"; then
      _say "Port $READOUTS_PG_PORT (READOUTS_PG_PORT) is taken by another server; set READOUTS_PG_PORT to a free port."
      return 1
    fi
    return 0
  fi
  local wanted=$READOUTS_PG_PORT port
  for port in "$wanted" $(seq 55432 55531); do
    if ! _port_taken "$port"; then
      [[ $port == "$wanted" ]] || _say "Port $wanted is taken by another server (another clone's, or anyone's): this clone's PostgreSQL takes $port"
      READOUTS_PG_PORT=$port
      mkdir -p "$READOUTS_ROOT/.data"
      echo "$port" >"$_READOUTS_PG_PORT_FILE"
      return 0
    fi
  done
  _say "No free port in 55432-55531; set READOUTS_PG_PORT to a free port."
  return 1
}

_docker_answers() {
  command -v docker >/dev/null 2>&1 && timeout 10 docker info >/dev/null 2>&1
}

# Runs a command as the user that owns the cluster.
_as_pg() {
  if [[ $(id -u) == 0 ]]; then
    # From /, which the postgres user can always enter (a clone under /root it cannot).
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

_pg_bin() {
  local newest
  newest=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [[ -z $newest || ! -x $newest/pg_ctl ]]; then
    _say "PostgreSQL server binaries not found; installing Debian's postgresql package"
    local sudo=()
    [[ $(id -u) == 0 ]] || sudo=(sudo)
    "${sudo[@]}" apt-get update -qq >&2
    # Debian's package creates and starts a "main" cluster on 5432; it is not ours, so stop it.
    # Through env, because sudo drops the variable.
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
    "${sudo[@]}" pg_ctlcluster --force "$(ls /usr/lib/postgresql | sort -V | tail -n 1)" main stop >/dev/null 2>&1 || true
    newest=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
  printf '%s\n' "$newest"
}

# The data directory. As root, the postgres user must be able to reach it; a clone under a
# private home (/root is 0700) cannot be, so the data then lives under /var/tmp and
# .data/postgres links to it.
_pg_data_dir() {
  local link="$READOUTS_ROOT/.data/postgres"
  mkdir -p "$READOUTS_ROOT/.data"
  if [[ $(id -u) != 0 ]]; then
    printf '%s\n' "$link"
    return
  fi
  if [[ -L $link ]]; then
    readlink -f "$link"
    return
  fi
  if [[ -d $link ]] || runuser -u postgres -- test -x "$READOUTS_ROOT/.data"; then
    mkdir -p "$link"
    chown postgres:postgres "$link"
    chmod 700 "$link"
    printf '%s\n' "$link"
    return
  fi
  local hash dir
  hash=$(printf '%s' "$READOUTS_ROOT" | sha256sum | cut -c1-12)
  dir="/var/tmp/readouts-postgres-$hash"
  mkdir -p "$dir"
  chown postgres:postgres "$dir"
  chmod 700 "$dir"
  ln -sfn "$dir" "$link"
  printf '%s\n' "$dir"
}

_local_cluster_up() {
  local bin data sockets
  bin=$(_pg_bin)
  data=$(_pg_data_dir)
  sockets="$data/run"
  # A Unix socket path must stay under ~107 bytes; deep clones use a short directory instead.
  if (( ${#sockets} > 90 )); then
    sockets="/tmp/readouts-pg-$(printf '%s' "$data" | sha256sum | cut -c1-12)"
    mkdir -p "$sockets"
    if [[ $(id -u) == 0 ]]; then chown postgres:postgres "$sockets"; fi
  fi

  if [[ ! -f $data/PG_VERSION ]]; then
    _say "Creating a private PostgreSQL cluster in $data"
    local locale=C.UTF-8
    locale -a 2>/dev/null | grep -qix 'c.utf-\?8' || locale=C
    _as_pg "$bin/initdb" -D "$data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
      --encoding=UTF8 --locale="$locale" >/dev/null
    _as_pg mkdir -p "$sockets"
    # Settings live in the cluster, so pg_ctl status/stop need no options.
    cat <<CONF | _as_pg tee -a "$data/postgresql.auto.conf" >/dev/null
listen_addresses = '127.0.0.1'
port = $READOUTS_PG_PORT
unix_socket_directories = '$sockets'
CONF
  fi

  # PostgreSQL's default cache of 128 MB holds little of a million readouts, and every page it
  # misses is a system call, even from the OS's cache: 2 GB made a call's page and full-text
  # pages about 15% faster there. Memory is taken only as pages are read, so small databases
  # cost no more. Added to clusters made before, at their next start.
  grep -q '^shared_buffers' "$data/postgresql.auto.conf" \
    || echo "shared_buffers = '2GB'" | _as_pg tee -a "$data/postgresql.auto.conf" >/dev/null
  # With the default 1 GB, a few seconds of posts to a million readouts (each first change of a
  # page after a checkpoint logs the whole page) forced checkpoints back to back, at full speed,
  # and posts waited behind their writes: p99 107 ms. Checkpoints then come every 5 minutes,
  # spread over them. WAL takes up to this much disk.
  grep -q '^max_wal_size' "$data/postgresql.auto.conf" \
    || echo "max_wal_size = '8GB'" | _as_pg tee -a "$data/postgresql.auto.conf" >/dev/null

  local running_port=""
  if _as_pg "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    running_port=$(sed -n 4p "$data/postmaster.pid" 2>/dev/null)
  fi
  if [[ -n $running_port && -n $_READOUTS_PG_PORT_GIVEN && $running_port != "$READOUTS_PG_PORT" ]]; then
    _say "Restarting PostgreSQL from $data on port $READOUTS_PG_PORT"
    _as_pg "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null
    running_port=""
  fi

  if [[ -n $running_port ]]; then
    READOUTS_PG_PORT=$running_port
    _say "PostgreSQL already running from $data on 127.0.0.1:$READOUTS_PG_PORT"
  else
    _port_lock
    if ! _choose_port; then
      _port_unlock
      return 1
    fi
    # The port may differ from the one the cluster was made with.
    _as_pg sed -i "s/^port = .*/port = $READOUTS_PG_PORT/" "$data/postgresql.auto.conf"
    _say "Starting PostgreSQL on 127.0.0.1:$READOUTS_PG_PORT"
    if ! _as_pg "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 start >/dev/null; then
      _port_unlock
      _say "PostgreSQL did not start; the end of $data/server.log:"
      tail -n 5 "$data/server.log" >&2
      return 1
    fi
    _port_unlock
    READOUTS_PG_STARTED=1
  fi

  local psql=("$bin/psql" -h "$sockets" -p "$READOUTS_PG_PORT" -U postgres -d postgres -qAtX -v ON_ERROR_STOP=1)
  if [[ -z $(_as_pg "${psql[@]}" -c "SELECT 1 FROM pg_roles WHERE rolname = 'readouts'") ]]; then
    _as_pg "${psql[@]}" -c "CREATE ROLE readouts LOGIN CREATEDB PASSWORD 'readouts'"
  fi
  if [[ -z $(_as_pg "${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname = 'readouts'") ]]; then
    _as_pg "${psql[@]}" -c "CREATE DATABASE readouts OWNER readouts"
  fi
  # scripts/bench.sh checkpoints after loading its corpus (in Compose the role is the superuser).
  if [[ -n $(_as_pg "${psql[@]}" -c "SELECT 1 FROM pg_roles WHERE rolname = 'pg_checkpoint' AND NOT pg_has_role('readouts', oid, 'member')") ]]; then
    _as_pg "${psql[@]}" -c "GRANT pg_checkpoint TO readouts"
  fi
}

readouts_postgres_up() {
  READOUTS_PG_STARTED=0
  if _docker_answers; then
    # One compose project per clone (two clones' folders may share a name), so each has its own
    # container and volume.
    COMPOSE_PROJECT_NAME=${COMPOSE_PROJECT_NAME:-readouts-$(printf '%s' "$READOUTS_ROOT" | sha256sum | cut -c1-8)}
    export COMPOSE_PROJECT_NAME
    local published
    published=$(cd "$READOUTS_ROOT" && docker compose port db 5432 2>/dev/null | sed -n 's/.*:\([0-9]*\)$/\1/p')
    if [[ -n $published ]]; then
      READOUTS_PG_PORT=$published
      _say "PostgreSQL already running in docker compose on 127.0.0.1:$READOUTS_PG_PORT"
    else
      _port_lock
      _choose_port || { _port_unlock; return 1; }
      _say "Docker answers: starting PostgreSQL with docker compose on 127.0.0.1:$READOUTS_PG_PORT"
      (cd "$READOUTS_ROOT" && READOUTS_PG_PORT="$READOUTS_PG_PORT" docker compose up -d --wait db >&2) || { _port_unlock; return 1; }
      _port_unlock
      READOUTS_PG_STARTED=1
    fi
  else
    _local_cluster_up
  fi
  export READOUTS_PG_PORT READOUTS_PG_STARTED
  export READOUTS_PG_CONNECTION="Host=127.0.0.1;Port=$READOUTS_PG_PORT;Database=readouts;Username=readouts;Password=readouts"
}

readouts_postgres_down() {
  if _docker_answers; then
    COMPOSE_PROJECT_NAME=${COMPOSE_PROJECT_NAME:-readouts-$(printf '%s' "$READOUTS_ROOT" | sha256sum | cut -c1-8)}
    export COMPOSE_PROJECT_NAME
    (cd "$READOUTS_ROOT" && docker compose stop db >&2)
  elif [[ -e $READOUTS_ROOT/.data/postgres ]]; then
    local data
    data=$(readlink -f "$READOUTS_ROOT/.data/postgres")
    _as_pg "$(_pg_bin)/pg_ctl" -D "$data" -m fast stop >/dev/null || true
  fi
}
