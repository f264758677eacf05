-- POST /api/v1/payments/intent looks an order of the classic API up by its id, which a client chooses: without
-- an index every such request (any made-up id included) read every checkout session
create index checkout_sessions_order on checkout_sessions (order_id);
-- the retention job deletes processed Stripe events past their time, in batches: found by this index, not by
-- reading every event kept
create index stripe_events_processed on stripe_events (processed_at) where processed_at is not null;
