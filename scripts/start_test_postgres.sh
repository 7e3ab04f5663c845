#!/usr/bin/env bash
# Start a throwaway PostgreSQL for the store tests and print its SQLAlchemy URL (last line of
# stdout; everything else goes to stderr), e.g.
#
#   export TERMSBOT_TEST_POSTGRES_URL="$(scripts/start_test_postgres.sh)"
#
# Usage: scripts/start_test_postgres.sh [DATA_DIR]     (default /tmp/termsbot-pg)
#        scripts/start_test_postgres.sh --status [DATA_DIR]   exit 0 if it is running
#        scripts/start_test_postgres.sh --stop [DATA_DIR]     stop it (nothing if it is not running)
# Port:  TERMSBOT_TEST_POSTGRES_PORT (default 55432), listening on 127.0.0.1 only.
#
# Idempotent: installs PostgreSQL with apt when initdb is missing, initialises the cluster once,
# starts it unless it is running, creates the role and database unless they exist. Works as
# root (server commands run as the `postgres` user: initdb refuses root) or as the user who
# owns DATA_DIR. Stop it with the command printed on stderr.
set -euo pipefail

ACTION=start
case "${1:-}" in
    --stop) ACTION=stop; shift ;;
    --status) ACTION=status; shift ;;
esac
DATA_DIR="$(realpath -m "${1:-/tmp/termsbot-pg}")"
PORT="${TERMSBOT_TEST_POSTGRES_PORT:-55432}"
ROLE=termsbot
PASSWORD=termsbot
DATABASE=termsbot_test

log() { printf 'start_test_postgres: %s\n' "$*" >&2; }

find_bindir() {
    local initdb
    initdb="$(command -v initdb 2>/dev/null || true)"
    if [[ -n "$initdb" ]]; then
        dirname "$(readlink -f "$initdb")"
        return
    fi
    # Debian keeps the server binaries off PATH, one directory per major version.
    [[ -d /usr/lib/postgresql ]] || return 0
    find /usr/lib/postgresql -mindepth 3 -maxdepth 3 -path '*/bin/initdb' |
        sort -V | tail -n 1 | xargs -r dirname
}

install_postgresql() {
    if [[ $EUID -ne 0 ]]; then
        log "PostgreSQL is not installed; run as root (or install the 'postgresql' package)"
        exit 1
    fi
    log "installing PostgreSQL with apt"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >&2
    apt-get install -y -q --no-install-recommends postgresql >&2
}

# Server-side commands run as `postgres` when we are root, as ourselves otherwise.
as_server_user() {
    if [[ $EUID -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

BINDIR="$(find_bindir)"
if [[ "$ACTION" != start ]]; then
    running() { [[ -n "$BINDIR" && -s "$DATA_DIR/PG_VERSION" ]] &&
        as_server_user "$BINDIR/pg_ctl" -D "$DATA_DIR" status >/dev/null 2>&1; }
    if [[ "$ACTION" == status ]]; then running; exit; fi
    if running; then
        log "stopping the server in $DATA_DIR"
        as_server_user "$BINDIR/pg_ctl" -D "$DATA_DIR" -m fast -w stop >&2
    fi
    exit 0
fi
if [[ -z "$BINDIR" ]]; then
    install_postgresql
    BINDIR="$(find_bindir)"
fi
[[ -n "$BINDIR" ]] || { log "initdb not found after installing PostgreSQL"; exit 1; }

if [[ ! -s "$DATA_DIR/PG_VERSION" ]]; then
    log "initialising a cluster in $DATA_DIR"
    mkdir -p "$DATA_DIR"
    if [[ $EUID -eq 0 ]]; then chown postgres: "$DATA_DIR"; fi
    chmod 700 "$DATA_DIR"
    # The superuser logs in only through the socket in DATA_DIR (peer); TCP needs a password.
    as_server_user "$BINDIR/initdb" -D "$DATA_DIR" --username=postgres --encoding=UTF8 \
        --locale=C.UTF-8 --auth-local=peer --auth-host=scram-sha-256 >&2
fi

if as_server_user "$BINDIR/pg_ctl" -D "$DATA_DIR" status >/dev/null 2>&1; then
    log "already running in $DATA_DIR"
else
    log "starting on 127.0.0.1:$PORT"
    as_server_user "$BINDIR/pg_ctl" -D "$DATA_DIR" -l "$DATA_DIR/server.log" -w -t 60 \
        -o "-p $PORT -c listen_addresses=127.0.0.1 -k $DATA_DIR" start >&2 ||
        { log "start failed; see $DATA_DIR/server.log"; tail -n 20 "$DATA_DIR/server.log" >&2; exit 1; }
fi

psql_admin() {
    as_server_user "$BINDIR/psql" -h "$DATA_DIR" -p "$PORT" -U postgres -d postgres \
        -v ON_ERROR_STOP=1 -qtA "$@"
}

if [[ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'")" != 1 ]]; then
    log "creating role $ROLE"
    psql_admin -c "CREATE ROLE $ROLE LOGIN" >&2
fi
# Every run, so that the printed URL works even if someone changed the password.
psql_admin -c "ALTER ROLE $ROLE LOGIN PASSWORD '$PASSWORD'" >&2
if [[ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'")" != 1 ]]; then
    log "creating database $DATABASE"
    psql_admin -c "CREATE DATABASE $DATABASE OWNER $ROLE ENCODING 'UTF8' TEMPLATE template0" >&2
fi

stop_prefix=""
if [[ $EUID -eq 0 ]]; then stop_prefix="runuser -u postgres -- "; fi
log "stop with: ${stop_prefix}$BINDIR/pg_ctl -D $DATA_DIR stop"
echo "postgresql+psycopg://$ROLE:$PASSWORD@127.0.0.1:$PORT/$DATABASE"
