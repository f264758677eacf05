-- Stripe side effects we decided on (refund a payment, expire a Checkout Session, cancel a PaymentIntent),
-- written in the transaction of the decision and performed by a worker until Stripe answers for good.
-- status: pending -> done | refused. The idempotency key is made from id (a UUID), never from a sequence, so two
-- environments sharing a Stripe account or a restored database never reuse one.
create table stripe_commands (
    id              uuid        primary key,
    kind            text        not null check (kind in ('refund', 'expire_session', 'cancel_intent')),
    ticket_id       bigint      not null,
    order_id        uuid        not null,
    -- what Stripe is asked about: a PaymentIntent (pi_...) or a Checkout Session (cs_...)
    target          text        not null,
    idempotency_key text        not null unique,
    status          text        not null default 'pending' check (status in ('pending', 'done', 'refused')),
    attempts        integer     not null default 0,
    -- a claimed command's next_attempt_at is pushed ahead for the duration of its Stripe call (the lease)
    next_attempt_at timestamptz not null default now(),
    last_error      text,
    result_id       text,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    -- one of each kind per ticket, however often the deciding event is delivered
    unique (ticket_id, kind)
);
create index stripe_commands_due on stripe_commands (next_attempt_at) where status = 'pending';

-- Disputes (chargebacks) of a paid payment, whichever channel took the money. dispute_status: open, won, lost.
alter table checkout_sessions add column dispute_id text, add column dispute_status text;
alter table payments add column dispute_id text, add column dispute_status text;
create index checkout_sessions_payment_intent on checkout_sessions (payment_intent_id);
