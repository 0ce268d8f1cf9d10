#!/usr/bin/env bash
# Run by .ci/run: start a throwaway PostgreSQL on 127.0.0.1 for the database tests and
# print its URL (for SCREENING_TEST_PG) as the last line of stdout; progress goes to
# stderr. Installs PostgreSQL from Debian's packages if missing. Idempotent: an
# installed package, an existing cluster or a running server are reused.
set -euo pipefail
exec 3>&1 1>&2
PG_PORT="${SCREENING_PG_PORT:-54329}"
PG_DATA="${SCREENING_PG_DATA:-/tmp/screening-ci-postgres}"
if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql
fi
PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
as_postgres() { (cd /tmp && runuser -u postgres -- "$@"); }
if [ ! -s "$PG_DATA/PG_VERSION" ]; then
  rm -rf "$PG_DATA" && mkdir -p "$PG_DATA" && chown postgres:postgres "$PG_DATA"
  as_postgres "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth=trust >/dev/null
fi
pg_answer() { PG_STATE=0; "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" || PG_STATE=$?; }
pg_answer
if [ "$PG_STATE" -eq 1 ]; then sleep 5 && pg_answer; fi  # starting up: give it a moment
if [ "$PG_STATE" -ne 0 ]; then
  # no answer: a server killed without cleanup may leave its pid file (and a zombie) behind
  rm -f "$PG_DATA/postmaster.pid"
  as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k /tmp" start >/dev/null
fi
if ! as_postgres "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = 'screening_test'" | grep -q 1; then
  as_postgres "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres screening_test
fi
url="postgresql+psycopg://postgres@127.0.0.1:$PG_PORT/screening_test"
echo "PostgreSQL for the tests: $url"
echo "$url" >&3
