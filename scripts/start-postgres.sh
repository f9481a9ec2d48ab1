#!/usr/bin/env bash
# Starts (or reuses) a throw-away PostgreSQL server for evlab's tests and prints its URL as the last line
# of stdout:
#
#   EVLAB_TEST_PG_URL=$(bash scripts/start-postgres.sh | tail -1) DIALECTS=sqlite,postgres npx vitest run src/store
#
# Idempotent: if a server already answers on 127.0.0.1:$EVLAB_PG_PORT it is reused; otherwise a cluster in
# $EVLAB_PG_DIR is initialised (first run) and started. Progress goes to stderr.
#
#   EVLAB_PG_PORT  TCP port on 127.0.0.1 (default 54329)
#   EVLAB_PG_DIR   cluster directory (default /tmp/evlab-pg): data/, server.log, socket, .evlab-user
#   EVLAB_PG_DB    database to create (default evlab_test)
#
# As root the server runs as the Debian `postgres` user when it exists, else as a system user `evlabpg`
# (created on demand); PostgreSQL refuses to run as root. Without PostgreSQL binaries it installs Debian's
# `postgresql` package with apt-get. This is a TEST server: trust authentication on 127.0.0.1 only, and
# fsync off for speed — never keep data you care about in it.
set -euo pipefail

PORT="${EVLAB_PG_PORT:-54329}"
PG_DIR="${EVLAB_PG_DIR:-/tmp/evlab-pg}"
DB_NAME="${EVLAB_PG_DB:-evlab_test}"
HOST=127.0.0.1
DATA="$PG_DIR/data"
LOG="$PG_DIR/server.log"
USER_FILE="$PG_DIR/.evlab-user"

log() { printf '[start-postgres] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# Newest /usr/lib/postgresql/<major>/bin (Debian layout), else whatever is on PATH.
find_bin_dir() {
  local dir best="" best_major=-1 major
  for dir in /usr/lib/postgresql/*/bin; do
    [[ -x "$dir/initdb" && -x "$dir/pg_ctl" ]] || continue
    major="$(basename "$(dirname "$dir")")"
    major="${major%%.*}"
    [[ "$major" =~ ^[0-9]+$ ]] || continue
    if (( major > best_major )); then best_major=$major; best="$dir"; fi
  done
  if [[ -z "$best" ]] && command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    best="$(dirname "$(command -v initdb)")"
  fi
  printf '%s' "$best"
}

BIN="$(find_bin_dir)"
if [[ -z "$BIN" ]]; then
  [[ "$(id -u)" -eq 0 ]] || die "PostgreSQL binaries not found; install Debian's postgresql package (needs root)"
  log "PostgreSQL binaries not found; installing Debian's postgresql package"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update >&2
  apt-get install -y --no-install-recommends postgresql >&2
  BIN="$(find_bin_dir)"
  [[ -n "$BIN" ]] || die "postgresql installed but initdb/pg_ctl still not found"
fi

# Client tools: prefer the cluster's own version.
PSQL="$BIN/psql"; [[ -x "$PSQL" ]] || PSQL="$(command -v psql || true)"
PG_ISREADY="$BIN/pg_isready"; [[ -x "$PG_ISREADY" ]] || PG_ISREADY="$(command -v pg_isready || true)"
[[ -n "$PSQL" && -n "$PG_ISREADY" ]] || die "psql/pg_isready not found next to $BIN"

answers() { "$PG_ISREADY" -q -h "$HOST" -p "$PORT" -t 2 >/dev/null 2>&1; }

# Runs a command as the server's OS user (root cannot run PostgreSQL).
run_as() {
  local user="$1"; shift
  if [[ "$(id -un)" == "$user" ]]; then
    "$@"
  elif command -v runuser >/dev/null 2>&1; then
    runuser -u "$user" -- "$@"
  else
    su -s /bin/sh "$user" -c "$(printf '%q ' "$@")"
  fi
}

can_connect_as() {
  "$PSQL" -X -q -h "$HOST" -p "$PORT" -U "$1" -d postgres -tAc 'select 1' >/dev/null 2>&1
}

if answers; then
  log "a server already answers on $HOST:$PORT; reusing it"
  DB_USER=""
  candidates=()
  [[ -f "$USER_FILE" ]] && candidates+=("$(cat "$USER_FILE")")
  candidates+=("${PGUSER:-}" postgres evlabpg "$(id -un)")
  for candidate in "${candidates[@]}"; do
    [[ -n "$candidate" ]] || continue
    if can_connect_as "$candidate"; then DB_USER="$candidate"; break; fi
  done
  [[ -n "$DB_USER" ]] || die "the server on $HOST:$PORT accepts none of: ${candidates[*]} (is it another server? set EVLAB_PG_PORT)"
else
  # Choose the OS user that owns and runs the cluster.
  if [[ "$(id -u)" -eq 0 ]]; then
    if [[ -f "$USER_FILE" ]]; then
      RUN_USER="$(cat "$USER_FILE")"
    elif id postgres >/dev/null 2>&1; then
      RUN_USER=postgres
    else
      RUN_USER=evlabpg
    fi
    if ! id "$RUN_USER" >/dev/null 2>&1; then
      log "creating system user $RUN_USER"
      useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$RUN_USER" \
        || die "could not create user $RUN_USER"
    fi
  else
    RUN_USER="$(id -un)"
  fi
  DB_USER="$RUN_USER"

  mkdir -p "$PG_DIR"
  if [[ "$(id -u)" -eq 0 ]]; then chown "$RUN_USER": "$PG_DIR"; fi
  chmod 700 "$PG_DIR"

  if [[ ! -s "$DATA/PG_VERSION" ]]; then
    log "initialising a cluster in $DATA with $BIN (server user $RUN_USER)"
    # C locale: byte-order collation like SQLite's default, and no dependency on generated locales.
    (cd / && run_as "$RUN_USER" "$BIN/initdb" -D "$DATA" -U "$DB_USER" --auth=trust --encoding=UTF8 --no-locale >&2) \
      || die "initdb failed"
  fi
  printf '%s\n' "$DB_USER" >"$USER_FILE"

  # A postmaster.pid left by a killed server blocks the start when its PID is still taken (a zombie, or
  # reused by another program). No server answers on our port, so unless that PID is a live postgres,
  # the lock file is stale: remove it.
  if [[ -f "$DATA/postmaster.pid" ]]; then
    stale_pid=$(head -n 1 "$DATA/postmaster.pid" 2>/dev/null || true)
    state=""
    [[ -n "$stale_pid" && -r "/proc/$stale_pid/stat" ]] && state=$(awk '{print $3}' "/proc/$stale_pid/stat" 2>/dev/null || true)
    comm=""
    [[ -n "$stale_pid" && -r "/proc/$stale_pid/comm" ]] && comm=$(cat "/proc/$stale_pid/comm" 2>/dev/null || true)
    if [[ "$comm" != postgres* || "$state" == "Z" ]]; then
      log "removing stale $DATA/postmaster.pid (PID ${stale_pid:-?} is not a running postgres)"
      rm -f "$DATA/postmaster.pid"
    fi
  fi
  log "starting PostgreSQL on $HOST:$PORT (log: $LOG)"
  # Test-server settings: listen on loopback only, sockets in PG_DIR (the server user may not write to
  # /var/run/postgresql), fsync/synchronous_commit/full_page_writes off for speed, room for parallel
  # test files (each opens a small pool).
  server_opts="-c listen_addresses=$HOST -p $PORT -k $PG_DIR -c fsync=off -c synchronous_commit=off"
  server_opts+=" -c full_page_writes=off -c max_connections=300"
  (cd / && run_as "$RUN_USER" "$BIN/pg_ctl" -D "$DATA" -l "$LOG" -o "$server_opts" -w -t 60 start >&2) || {
    tail -n 30 "$LOG" >&2 2>/dev/null || true
    die "the server did not start"
  }
  answers || die "the server started but does not answer on $HOST:$PORT"
fi

exists="$("$PSQL" -X -q -h "$HOST" -p "$PORT" -U "$DB_USER" -d postgres -tAc \
  "select 1 from pg_database where datname = '$DB_NAME'")"
if [[ "$exists" != "1" ]]; then
  log "creating database $DB_NAME"
  "$PSQL" -X -q -h "$HOST" -p "$PORT" -U "$DB_USER" -d postgres -c "create database \"$DB_NAME\"" >&2 \
    || [[ "$("$PSQL" -X -q -h "$HOST" -p "$PORT" -U "$DB_USER" -d postgres -tAc \
      "select 1 from pg_database where datname = '$DB_NAME'")" == "1" ]] \
    || die "could not create database $DB_NAME"
fi

echo "postgres://$DB_USER@$HOST:$PORT/$DB_NAME"
