#!/usr/bin/env bash
# A throwaway PostgreSQL server on loopback for the tests.
#   eval "$(bash scripts/pg.sh start)"   -> exports CLAIMLEDGER_TEST_PG and CLAIMLEDGER_PG_DIR
#   bash scripts/pg.sh stop "$CLAIMLEDGER_PG_DIR"
# Prints nothing (and exits 0) on `start` when the server binaries are not installed.
set -euo pipefail
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
AS=()
[ "$(id -u)" = 0 ] && AS=(runuser -u postgres --)   # initdb refuses to run as root
case "${1:-}" in
  start)
    [ -n "$PGBIN" ] && [ -x "$PGBIN/initdb" ] || { echo "pg.sh: no PostgreSQL server binaries; its tests will be skipped" >&2; exit 0; }
    PORT=${CLAIMLEDGER_PG_PORT:-54329}
    while (echo > /dev/tcp/127.0.0.1/"$PORT") 2>/dev/null; do PORT=$((PORT + 1)); done
    DIR=$(mktemp -d)
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$DIR"
    "${AS[@]}" "$PGBIN/initdb" -D "$DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    "${AS[@]}" "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w \
      -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
    echo "export CLAIMLEDGER_TEST_PG=postgresql://postgres@127.0.0.1:$PORT/postgres CLAIMLEDGER_PG_DIR=$DIR"
    ;;
  stop)
    DIR=${2:?usage: pg.sh stop DIR}
    "${AS[@]}" "$PGBIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null || true
    rm -rf "$DIR"
    ;;
  *) echo "usage: pg.sh start | stop DIR" >&2; exit 2 ;;
esac
