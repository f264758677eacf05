#!/usr/bin/env bash
# The two look-ups payment-service's V1_10 migration indexes, timed on a PostgreSQL before and after its indexes:
# an order of the classic API by its id (POST /api/v1/payments/intent, any id a client names) among CHECKOUTS
# checkout sessions, and the retention job's search for processed Stripe events past their time among EVENTS events.
# It works in a scratch database of its own (dropped at the end) on the server PGHOST:PGPORT as PGUSER, e.g. the
# local stack's: PGPORT=$(sed -n 4p <LOCAL_STACK_DATA>/postgres/postmaster.pid) dev/benchmarks/indexed-lookups.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
export PGHOST=${PGHOST:-localhost} PGUSER=${PGUSER:-postgres} PGOPTIONS="-c client_min_messages=warning"
CHECKOUTS=${CHECKOUTS:-200000}
EVENTS=${EVENTS:-300000}
DB=indexed_lookups_benchmark
psql=(psql -q -v ON_ERROR_STOP=1 -d "$DB")
migrations=payment-service/src/main/resources/db/migration

psql -q -d postgres -c "drop database if exists $DB" -c "create database $DB"
trap 'psql -q -d postgres -c "drop database if exists $DB"' EXIT
# the schema as it was before V1_10
for migration in "$migrations"/V1_[1-4]__*.sql; do
  "${psql[@]}" -f "$migration" >/dev/null
done
"${psql[@]}" <<SQL
insert into checkout_sessions (ticket_id, order_id, user_id, amount, currency, status, session_id, checkout_url,
    expires_at, payment_intent_id)
select i, gen_random_uuid(), 'user-' || (i % 5000), 4999, 'usd', 'paid', 'cs_test_' || md5(i::text) || md5((i + 1)::text),
    'https://checkout.stripe.com/c/pay/cs_test_' || md5(i::text) || '#' || md5((i * 7)::text), now(), 'pi_' || md5(i::text)
from generate_series(1, $CHECKOUTS) i;
-- a month of processed events, none past the 35 days kept: the prune's usual hourly round, which finds nothing
insert into stripe_events (id, type, payload, processed_at)
select 'evt_' || md5(i::text), 'payment_intent.succeeded', jsonb_build_object('id', 'evt_' || md5(i::text),
    'object', 'event', 'data', jsonb_build_object('object', jsonb_build_object('id', 'pi_' || md5(i::text),
    'amount', 4999, 'description', repeat(md5(i::text), 20)))), now() - (i % 30) * interval '1 day'
from generate_series(1, $EVENTS) i;
vacuum analyze;
SQL

lookup=$(mktemp)
cat >"$lookup" <<'SQL'
\set r random(1, 1000000000)
select order_id, ticket_id, user_id, amount, currency, expires_at from checkout_sessions where order_id = md5(:r::text)::uuid;
SQL

measure() {
  local label=$1
  local tps prune
  tps=$(pgbench -n -c 1 -T 10 -f "$lookup" "$DB" 2>&1 | sed -n 's/^latency average = \(.*\) ms$/\1/p')
  prune=$("${psql[@]}" -At -c "explain (analyze, timing off) select ctid from stripe_events
      where processed_at < now() - interval '35 days' limit 5000" | sed -n 's/^Execution Time: \(.*\) ms$/\1/p')
  echo "$label: classic order by id among $CHECKOUTS checkout sessions ${tps} ms a look-up (pgbench, one client);" \
    "expired processed events among $EVENTS events ${prune} ms"
}

measure "before V1_10"
sed -n '/^create index/p' "$migrations"/V1_10__*.sql | "${psql[@]}"
"${psql[@]}" -c "analyze"
measure "after V1_10 "
rm -f "$lookup"
