-- Idempotency-Key of create-payment-intent: a retry with the same key answers for the same ticket.
create table purchase_requests (
    user_id         text        not null,
    idempotency_key text        not null,
    fingerprint     text        not null,
    ticket_id       bigint      not null references tickets (id),
    created_at      timestamptz not null default now(),
    primary key (user_id, idempotency_key)
);
