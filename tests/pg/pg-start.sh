#!/bin/sh
# Starts a private PostgreSQL 15 + PostGIS 3 server for the store tests and prints the GDAL
# connection string on stdout (everything else goes to stderr), e.g.
#   export FRONTMAP_TEST_PG="$(tests/pg/pg-start.sh)"
# Idempotent: a second run finds the server up and only prints the string again.
# Needs the Debian 12 packages postgresql-15 and postgresql-15-postgis-3. Works as root without
# systemd: the cluster lives in its own data folder owned by the postgres user, listens on
# 127.0.0.1 only, and trusts local connections (it is a throw-away test server, never a real one).
#
# Environment: FRONTMAP_PG_DIR (default /tmp/frontmap-pg), FRONTMAP_PG_PORT (default 5433, so
# it does not clash with a Debian cluster on 5432), FRONTMAP_PG_DB (default frontmap_test).
set -eu

PGBIN=/usr/lib/postgresql/15/bin
DIR=${FRONTMAP_PG_DIR:-/tmp/frontmap-pg}
PORT=${FRONTMAP_PG_PORT:-5433}
DB=${FRONTMAP_PG_DB:-frontmap_test}
DATA="$DIR/data"
SOCK="$DIR/sock"

die() { echo "pg-start: $*" >&2; exit 1; }

[ -x "$PGBIN/initdb" ] || die "PostgreSQL 15 is not installed (apt-get install postgresql-15 postgresql-15-postgis-3)"
[ -f /usr/share/postgresql/15/extension/postgis.control ] ||
    die "PostGIS 3 is not installed (apt-get install postgresql-15-postgis-3)"
id postgres >/dev/null 2>&1 || die "no 'postgres' user (the postgresql-15 package creates it)"

# Run a command as the postgres user (we may already be postgres).
as_pg() {
    if [ "$(id -un)" = postgres ]; then "$@"
    elif [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"
    else die "run as root or as postgres"; fi
}

if [ ! -d "$DIR" ]; then
    mkdir -p "$DIR"
    if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$DIR"; fi
fi
as_pg mkdir -p "$SOCK"

if [ ! -f "$DATA/PG_VERSION" ]; then
    as_pg "$PGBIN/initdb" -D "$DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >&2
fi

if ! as_pg "$PGBIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
    as_pg "$PGBIN/pg_ctl" -D "$DATA" -l "$DIR/server.log" -w -t 60 \
        -o "-p $PORT -c listen_addresses=127.0.0.1 -k $SOCK -c fsync=off" start >&2 ||
        die "the server did not start; see $DIR/server.log"
fi

export PGOPTIONS="-c client_min_messages=warning"
PSQL="$PGBIN/psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p $PORT -U postgres"
i=0
until $PSQL -d postgres -c 'select 1' >/dev/null 2>&1; do
    i=$((i + 1)); [ $i -lt 60 ] || die "the server does not accept connections; see $DIR/server.log"
    sleep 0.5
done

if [ -z "$($PSQL -d postgres -tA -c "select 1 from pg_database where datname = '$DB'")" ]; then
    $PSQL -d postgres -c "create database \"$DB\"" >&2
fi
$PSQL -d "$DB" -c 'create extension if not exists postgis' >&2

echo "PG:dbname=$DB host=127.0.0.1 port=$PORT user=postgres"
