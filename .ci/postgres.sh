#!/usr/bin/env bash
# Run by .ci/run: a throwaway PostgreSQL on 127.0.0.1 for the database tests.
#   bash .ci/postgres.sh [start]  install if missing, start, print the URL (for
#                                 SCREENING_TEST_PG) as the only line on stdout
#   bash .ci/postgres.sh stop     stop the server this script started
# Progress goes to stderr. Idempotent: an installed package, an existing cluster or a
# running server are reused.
#
# Every child runs with stdout sent to stderr and stdin from /dev/null, so the server
# (a daemon that outlives this script) never holds the pipe of a caller's `$(...)`:
# an earlier version kept that pipe open in the server and CI waited on it forever.
set -euo pipefail
PG_PORT="${SCREENING_PG_PORT:-54329}"
PG_DATA="${SCREENING_PG_DATA:-/tmp/screening-ci-postgres}"
action="${1:-start}"

as_postgres() { (cd /tmp && runuser -u postgres -- "$@") </dev/null >&2; }

if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  if [ "$action" = stop ]; then exit 0; fi
  {
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql
  } </dev/null >&2
fi
PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"

if [ "$action" = stop ]; then
  if [ -s "$PG_DATA/postmaster.pid" ]; then
    as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop || true
  fi
  exit 0
fi

if [ ! -s "$PG_DATA/PG_VERSION" ]; then
  rm -rf "$PG_DATA" && mkdir -p "$PG_DATA" && chown postgres:postgres "$PG_DATA"
  as_postgres "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth=trust
fi
pg_answer() {
  PG_STATE=0
  "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" </dev/null >&2 || PG_STATE=$?
}
pg_answer
if [ "$PG_STATE" -eq 1 ]; then sleep 5 && pg_answer; fi  # starting up: give it a moment
if [ "$PG_STATE" -ne 0 ]; then
  # no answer: a server killed without cleanup may leave its pid file (and a zombie) behind
  rm -f "$PG_DATA/postmaster.pid"
  as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k /tmp" start
fi
if ! (cd /tmp && runuser -u postgres -- "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" \
    -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'screening_test'" \
    </dev/null) | grep -q 1; then
  as_postgres "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres screening_test
fi
url="postgresql+psycopg://postgres@127.0.0.1:$PG_PORT/screening_test"
echo "PostgreSQL for the tests: $url" >&2
echo "$url"
