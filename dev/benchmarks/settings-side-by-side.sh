#!/usr/bin/env bash
# A setting of one process measured side by side: starts a second copy of the local stack's process listening on
# PORT (the gateway, 8000, by default; 8081 for ticket-service) exactly like it (same command line, same
# environment) with the given settings on top, then loads GET /api/events/{id} on each in turn with wrk and prints
# the CPU each copy spent per request (utime+stime from /proc). Both share the machine, the other processes and
# the minute, so the stack's drift cancels out. Stops the second copy at the end. A second service instance also
# joins its consumer groups and relays events, as a second instance in production would; reads do not depend on it.
#
#   dev/benchmarks/settings-side-by-side.sh REACTOR_CONTEXT_PROPAGATION=auto               # the gateway
#   PORT=8081 dev/benchmarks/settings-side-by-side.sh REACTOR_CONTEXT_PROPAGATION=auto     # ticket-service
#
# Run against a local stack started with SERVICE_JVM_OPTIONS="-Xms64m -Xmx384m -XX:+UseSerialGC" (normal JIT) and
# RATE_LIMIT_STANDARD raised (one token would be limited otherwise). Env: PORT, GATEWAY_PORT, DEV_ISSUER_PORT, DUR
# (s per run), ROUNDS, WARMUP (s per copy), OTHER_PORT and OTHER_MANAGEMENT_PORT (the second copy's).
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: $0 VAR=value ..." >&2; exit 2; }
GW=${GATEWAY_PORT:-8000}; PORT=${PORT:-$GW}; ISS=${DEV_ISSUER_PORT:-9000}; OTHER=${OTHER_PORT:-8010}
DUR=${DUR:-15}; ROUNDS=${ROUNDS:-5}; WARMUP=${WARMUP:-90}
pid() { ss -ltnp | grep ":$1 " | head -1 | sed 's/.*pid=\([0-9]*\).*/\1/'; }
srcpid=$(pid "$PORT"); tick=$(getconf CLK_TCK)
[ -n "$srcpid" ] || { echo "nothing listens on $PORT: start dev/local-stack/run first" >&2; exit 1; }
ADMIN=$(curl -s -X POST "localhost:$ISS/dev/token" -H 'Content-Type: application/json' \
  -d '{"sub":"bench-admin","roles":["admin"],"email":"bench-admin@example.com"}' | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
EVENT=$(curl -s -X POST "localhost:$GW/api/events" -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
  -d '{"name":"Gateway settings","venue":"Bench","starts_at":"2030-01-01T19:00:00Z","capacity":10,"price":1000,"currency":"jpy"}' \
  | sed 's/^{"id":\([0-9]*\),.*/\1/')

# the second copy: the first one's command line and environment, its own ports, the settings on top
mapfile -d '' command < "/proc/$srcpid/cmdline"
mapfile -d '' environment < "/proc/$srcpid/environ"
log=$(mktemp)
(cd "/proc/$srcpid/cwd" && env -i "${environment[@]}" SERVER_PORT="$OTHER" \
  MANAGEMENT_PORT="${OTHER_MANAGEMENT_PORT:-8011}" "$@" "${command[@]}" >"$log" 2>&1) &
trap 'kill $(pid "$OTHER") 2>/dev/null || true' EXIT
for _ in $(seq 120); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $ADMIN" "localhost:$OTHER/api/events/$EVENT")" = 200 ] && break
  sleep 1
done
otherpid=$(pid "$OTHER")
[ -n "$otherpid" ] || { echo "the second copy did not start; its log: $log" >&2; exit 1; }

cpu() { awk '{print $14+$15}' "/proc/$1/stat"; }
run() { # name port pid
  local c0 out c1 n
  c0=$(cpu "$3")
  out=$(wrk -t2 -c32 -d"${DUR}s" -H "Authorization: Bearer $ADMIN" "http://localhost:$2/api/events/$EVENT")
  c1=$(cpu "$3"); n=$(echo "$out" | awk '/requests in/{print $1}')
  echo "$1 req/s=$(echo "$out" | awk '/Requests\/sec/{print $2}') non-2xx=$(echo "$out" | awk '/Non-2xx/{print $NF}') " \
    "cpu_ms/req=$(echo "scale=3;($c1-$c0)*1000/$tick/$n" | bc)"
}
# warm-up: the JIT (C2) needs a minute or more of load on a busy 2-core machine before CPU per request settles
wrk -t2 -c32 -d"${WARMUP}s" -H "Authorization: Bearer $ADMIN" "http://localhost:$PORT/api/events/$EVENT" >/dev/null
wrk -t2 -c32 -d"${WARMUP}s" -H "Authorization: Bearer $ADMIN" "http://localhost:$OTHER/api/events/$EVENT" >/dev/null
for _ in $(seq "$ROUNDS"); do
  run "shipped" "$PORT" "$srcpid"
  run "with $*" "$OTHER" "$otherpid"
done
