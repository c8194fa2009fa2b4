#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the store tests: private data and socket folders under
# DIR, loopback only, a free port, trust authentication, no fsync. initdb refuses to run as
# root, so as root the cluster runs as the `postgres` user.
#   test-postgres.sh start DIR   prints the cluster's URL (postgres://postgres@127.0.0.1:PORT/postgres)
#   test-postgres.sh stop DIR    stops it and removes DIR
# Binaries: $GOBASELINE_PG_BIN, else the newest /usr/lib/postgresql/*/bin.
set -euo pipefail

bin="${GOBASELINE_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "test-postgres.sh: no PostgreSQL server binaries (install postgresql)" >&2
  exit 3
fi
cmd="${1:-}"
dir="${2:-}"
[ -n "$dir" ] || { echo "usage: test-postgres.sh start|stop DIR" >&2; exit 2; }

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$cmd" in
  start)
    mkdir -p "$dir/sock"
    [ "$(id -u)" = 0 ] && chown -R postgres: "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --no-sync >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; exit 3; }
    # A free port: ask the kernel for one, then give it to the server.
    port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
    as_owner "$bin/pg_ctl" -D "$dir/data" -w -t 60 -l "$dir/server.log" \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir/sock -c fsync=off -c max_connections=100" start >/dev/null ||
      { cat "$dir/server.log" >&2; exit 3; }
    echo "postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    if [ -d "$dir/data" ]; then
      as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: test-postgres.sh start|stop DIR" >&2
    exit 2
    ;;
esac
