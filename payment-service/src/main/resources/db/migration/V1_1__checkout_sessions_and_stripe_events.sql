-- One Checkout Session per ticket and where its payment stands. Status moves
-- creating -> open -> paid | failed | cancelled; paid -> refunded; creating -> failed (Stripe refused).
create table checkout_sessions (
    ticket_id           bigint      primary key,
    order_id            uuid        not null,
    user_id             text        not null,
    amount              bigint      not null,
    currency            text        not null,
    status              text        not null,
    session_id          text        unique,
    checkout_url        text,
    expires_at          timestamptz not null,
    payment_intent_id   text,
    -- set before we ask Stripe to expire the session, so its checkout.session.expired reads as our cancel
    cancel_requested_at timestamptz,
    failure_reason      text,
    refund_id           text,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now()
);

-- Every Stripe event received (webhook or reconciliation listing), once per id, processed from here.
create table stripe_events (
    id              text        primary key,
    type            text        not null,
    payload         jsonb       not null,
    received_at     timestamptz not null default now(),
    processed_at    timestamptz,
    attempts        integer     not null default 0,
    next_attempt_at timestamptz,
    last_error      text
);
create index stripe_events_unprocessed on stripe_events (received_at) where processed_at is null;
