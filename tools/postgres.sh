#!/usr/bin/env bash
# A throwaway PostgreSQL server for tests and benchmarks (Debian's `postgresql` package, tools/setup.sh):
#   tools/postgres.sh start DIR   initdb into DIR/data, start on a free loopback port with its socket in DIR,
#                                 create role and database `tracelabel`; prints the registry URL on stdout:
#                                 postgres://tracelabel@127.0.0.1:PORT/tracelabel
#   tools/postgres.sh stop DIR    stop it (pg_ctl -m fast) and remove DIR
#   tools/postgres.sh restart-immediate DIR   stop with -m immediate (a crash) and start again on the same port
# The server never holds the caller's stdout or stderr (a test reading them to the end would wait for ever).
# PostgreSQL refuses to run as root, so as root everything runs as the `postgres` user, which owns DIR.
set -euo pipefail
# The server outlives this script: it must hold none of the caller's file descriptors (a caller reading our output
# to its end would wait for ever on a pipe the server kept open), so every descriptor above 2 is closed here.
for fd in /proc/$$/fd/*; do
  fd=${fd##*/}
  [ "$fd" -gt 2 ] 2>/dev/null && eval "exec $fd>&-" 2>/dev/null || true
done
command=${1:?usage: tools/postgres.sh start|stop|restart-immediate DIR}
dir=${2:?usage: tools/postgres.sh start|stop|restart-immediate DIR}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/pg_ctl" ] || { echo "postgres: no PostgreSQL server found under /usr/lib/postgresql (run tools/setup.sh)" >&2; exit 69; }
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case "$command" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    echo "$port" > "$dir/port"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir/port"
    as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c synchronous_commit=on -c fsync=on -c max_connections=200" start </dev/null >/dev/null 2>>"$dir/pg_ctl.log" \
      || { cat "$dir/pg_ctl.log" "$dir/server.log" >&2; exit 1; }
    as_owner "$bin/psql" -h "$dir" -p "$port" -U postgres -d postgres -q -v ON_ERROR_STOP=1 \
      -c "CREATE ROLE tracelabel LOGIN" -c "CREATE DATABASE tracelabel OWNER tracelabel" >/dev/null
    echo "postgres://tracelabel@127.0.0.1:$port/tracelabel"
    ;;
  restart-immediate)
    port=$(cat "$dir/port")
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c synchronous_commit=on -c fsync=on -c max_connections=200" start </dev/null >/dev/null 2>>"$dir/pg_ctl.log"
    ;;
  stop)
    if [ -d "$dir/data" ]; then as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true; fi
    rm -rf "$dir"
    ;;
  *) echo "postgres: unknown command '$command' (start, stop, restart-immediate)" >&2; exit 64 ;;
esac
