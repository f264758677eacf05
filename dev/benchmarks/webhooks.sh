#!/usr/bin/env bash
# Signed Stripe webhooks with wrk (32 connections) through the gateway, or to TARGET, then PostgreSQL: every event
# stored once and processed once. Run against a local stack with its default configuration. Env: GATEWAY_PORT,
# PAYMENT_SERVICE_PORT, TARGET, N (distinct events; wrk repeats them, as Stripe's retries would, once all are
# sent), DUR (s), LOCAL_STACK_DATA (to find the embedded PostgreSQL's port in payment-service's log).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
GW=${GATEWAY_PORT:-8000}; PS=${PAYMENT_SERVICE_PORT:-8082}; TARGET=${TARGET:-http://localhost:$GW}
N=${N:-20000}; DUR=${DUR:-30}; PREFIX=${PREFIX:-b$(date +%H%M%S)}
DATA=${LOCAL_STACK_DATA:-$here/../../.local-stack}
PGPORT=$(grep -o 'jdbc:postgresql://localhost:[0-9]*/payments' "$DATA/logs/payment-service.log" | head -1 | sed 's/.*:\([0-9]*\)\/payments/\1/')
hooks=$(mktemp); trap 'rm -f "$hooks"' EXIT
python3 "$here/signed-webhooks.py" "$N" "$hooks" "$PREFIX"
pid() { ss -ltnp | grep ":$1 " | sed 's/.*pid=\([0-9]*\).*/\1/'; }
gwpid=$(pid "$GW"); pspid=$(pid "$PS"); tick=$(getconf CLK_TCK)
cpu() { awk '{print $14+$15}' "/proc/$1/stat"; }
g0=$(cpu "$gwpid"); p0=$(cpu "$pspid"); start=$(date +%s.%N)
out=$(HOOKS=$hooks WRK_THREADS=2 wrk -t2 -c32 -d"${DUR}s" -s "$here/webhooks.lua" "$TARGET")
g1=$(cpu "$gwpid"); p1=$(cpu "$pspid"); n=$(echo "$out" | awk '/requests in/{print $1}')
echo "$out" | grep -E "Latency|Non-2xx|Socket errors" || true
echo "deliveries=$n per_s=$(echo "$out" | awk '/Requests\/sec/{print $2}') gateway_cpu_ms=$(echo "scale=3;($g1-$g0)*1000/$tick/$n" | bc)" \
  "payment_cpu_ms=$(echo "scale=3;($p1-$p0)*1000/$tick/$n" | bc) (per delivery, during the load)"
q="select count(*), count(processed_at), coalesce(sum(attempts), 0), count(distinct id) from stripe_events where id like 'evt_${PREFIX}%'"
for _ in $(seq 300); do
  r=$(psql -h localhost -p "$PGPORT" -U postgres -d payments -Atc "$q")
  IFS='|' read -r stored processed attempts distinct <<< "$r"
  [ "$stored" = "$processed" ] && break
  sleep 1
done
echo "stored=$stored processed=$processed failed_attempts=$attempts distinct_ids=$distinct," \
  "all processed $(echo "$(date +%s.%N) - $start" | bc | cut -c1-5) s after the load began"
