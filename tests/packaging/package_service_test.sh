#!/bin/sh
# The installed files work as the unit runs them: /usr/bin/caf-comet as the
# package's user caf-comet, no new privileges, working directory /, on
# /etc/caf-comet/server.ini. Alone and as a head with one worker (forked and
# exec'd from /proc/self/exe), it serves a stream on loopback, answers
# /stats, and on SIGTERM ends the open stream with its last chunk and exits 0
# (what KillSignal=SIGTERM in the unit relies on). The ports are free ones
# given on the command line; the rest is the installed configuration.
#
# usage: package_service_test.sh BUILD_DIR
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/package_lib.sh"
package_setup "$1"
build_package
dpkg -i "$deb" >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log" >&2; fail "dpkg -i"; }

start_wait_s=20   # a head waits for its worker; the machine may be busy
stop_wait_s=10    # the head's own stop takes at most 5 s

# serve NAME OPTIONS...: starts the service as its user; sets $server_pid,
# $stream_port and $control_port once the start-up line is out.
serve() {
  log="$work/$1.log"
  shift
  (cd / && exec setpriv --reuid=caf-comet --regid=caf-comet --init-groups \
     --no-new-privs -- /usr/bin/caf-comet --config /etc/caf-comet/server.ini \
     --server.address=127.0.0.1 --server.port=0 --control.port=0 \
     --cluster.node-port=0 --server.tick-interval=200ms "$@") >"$log" 2>&1 &
  server_pid=$!
  waited=0
  until line=$(grep -m1 '^caf-comet listening on ' "$log"); do
    kill -0 "$server_pid" 2>/dev/null || { cat "$log" >&2; fail "caf-comet exited at start"; }
    [ "$waited" -lt $((start_wait_s * 10)) ] || { cat "$log" >&2; fail "no start-up line in ${start_wait_s}s"; }
    sleep 0.1
    waited=$((waited + 1))
  done
  stream_port=$(echo "$line" | sed -n 's/^caf-comet listening on [^ ]*:\([0-9]*\) .*/\1/p')
  control_port=$(echo "$line" | sed -n 's/.* control=[^ ]*:\([0-9]*\) .*/\1/p')
  [ -n "$stream_port" ] && [ -n "$control_port" ] || fail "start-up line: $line"
  [ "$(stat -c %U "/proc/$server_pid")" = caf-comet ] || fail "caf-comet does not run as caf-comet"
}

# check_service NAME: a stream with ticks, /stats, then SIGTERM ends it all.
check_service() {
  stream="$work/$1.stream"
  timeout 15 curl -sSN "http://127.0.0.1:$stream_port/test/svc1" >"$stream" &
  curl_pid=$!
  waited=0
  until grep -q '^Chunk 2 for id svc1$' "$stream"; do
    [ "$waited" -lt 100 ] || { cat "$stream" "$log" >&2; fail "$1: no second chunk in 10s"; }
    sleep 0.1
    waited=$((waited + 1))
  done
  head -n 1 "$stream" | grep -qx 'Mochiconntest welcomes you! Your Id: svc1' \
    || fail "$1: welcome line: $(head -n 1 "$stream")"
  stats=$(curl -sS --max-time 5 "http://127.0.0.1:$control_port/stats")
  echo "$stats" | grep -q '"streams": *1[,}]' || fail "$1: /stats: $stats"
  kill -TERM "$server_pid"
  # curl exits 0 only when the chunked body ended with its last chunk.
  wait "$curl_pid" || fail "$1: the stream did not end cleanly on SIGTERM (curl $?)"
  waited=0
  while kill -0 "$server_pid" 2>/dev/null; do
    [ "$waited" -lt $((stop_wait_s * 10)) ] || fail "$1: still running ${stop_wait_s}s after SIGTERM"
    sleep 0.1
    waited=$((waited + 1))
  done
  code=0
  wait "$server_pid" || code=$?
  server_pid=
  [ "$code" -eq 0 ] || { cat "$log" >&2; fail "$1: exit $code after SIGTERM"; }
  grep -q '^caf-comet stopped$' "$log" || fail "$1: no 'caf-comet stopped'"
}

serve alone
check_service alone
serve head --cluster.workers=1
grep -q '^\[w1\] caf-comet worker w1 listening on ' "$log" || { cat "$log" >&2; fail "no worker w1"; }
check_service head
echo "package_service: ok"
