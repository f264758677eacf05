#!/usr/bin/env bash
# GET /api/events/1 with wrk, through the gateway and direct to ticket-service, alternating in one run, with the
# CPU each process spent per request (utime+stime from /proc). Run against a local stack started with
# SERVICE_JVM_OPTIONS="-Xms64m -Xmx384m -XX:+UseSerialGC" and RATE_LIMIT_STANDARD raised (one token would be
# limited otherwise). Env: GATEWAY_PORT, TICKET_SERVICE_PORT, DEV_ISSUER_PORT, DUR (s per run), ROUNDS, WARMUP (s).
set -euo pipefail
GW=${GATEWAY_PORT:-8000}; TS=${TICKET_SERVICE_PORT:-8081}; ISS=${DEV_ISSUER_PORT:-9000}
DUR=${DUR:-20}; ROUNDS=${ROUNDS:-3}; WARMUP=${WARMUP:-60}
TOKEN=$(curl -s -X POST "localhost:$ISS/dev/token" -H 'Content-Type: application/json' \
  -d '{"sub":"bench","roles":["user"],"email":"bench@example.com"}' | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
pid() { ss -ltnp | grep ":$1 " | sed 's/.*pid=\([0-9]*\).*/\1/'; }
gwpid=$(pid "$GW"); tspid=$(pid "$TS"); tick=$(getconf CLK_TCK)
cpu() { awk '{print $14+$15}' "/proc/$1/stat"; }
run() { # name url
  local g0 t0 out g1 t1 n
  g0=$(cpu "$gwpid"); t0=$(cpu "$tspid")
  out=$(wrk -t2 -c32 -d"${DUR}s" -H "Authorization: Bearer $TOKEN" "$2")
  g1=$(cpu "$gwpid"); t1=$(cpu "$tspid"); n=$(echo "$out" | awk '/requests in/{print $1}')
  echo "$1 req/s=$(echo "$out" | awk '/Requests\/sec/{print $2}') n=$n non-2xx=$(echo "$out" | awk '/Non-2xx/{print $NF}') " \
    "gateway_cpu_ms/req=$(echo "scale=3;($g1-$g0)*1000/$tick/$n" | bc) ticket_cpu_ms/req=$(echo "scale=3;($t1-$t0)*1000/$tick/$n" | bc)"
}
# warm-up: the JIT (C2) needs minutes of load on a busy 2-core machine before CPU per request settles
wrk -t2 -c32 -d"${WARMUP}s" -H "Authorization: Bearer $TOKEN" "http://localhost:$GW/api/events/1" >/dev/null
for _ in $(seq "$ROUNDS"); do
  run gateway "http://localhost:$GW/api/events/1"
  run direct "http://localhost:$TS/api/events/1"
done
