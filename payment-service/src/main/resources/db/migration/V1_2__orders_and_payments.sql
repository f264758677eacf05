-- Orders of the payments API v1: reservations paid through a PaymentIntent (TicketReserved with channel
-- payment_intent), or fetched from ticket-service when the intent request came before that event.
-- state follows the ticket: reserved -> paid | cancelled | expired (refunded after a late payment).
create table orders (
    order_id   uuid        primary key,
    ticket_id  bigint      not null unique,
    user_id    text        not null,
    email      text,
    amount     bigint      not null,
    currency   text        not null,
    expires_at timestamptz not null,
    state      text        not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);

-- One payment per order, with its PaymentIntent. Status is what the API shows:
-- pending -> processing -> succeeded | failed | cancelled; failed -> pending (retry); succeeded -> refunded.
-- A pending payment without stripe_payment_intent_id is one whose intent is being created.
create table payments (
    payment_id               uuid        primary key,
    order_id                 uuid        not null unique references orders (order_id),
    ticket_id                bigint      not null,
    user_id                  text        not null,
    stripe_payment_intent_id text        unique,
    amount                   bigint      not null,
    currency                 text        not null,
    receipt_email            text,
    status                   text        not null,
    failure_reason           text,
    refund_id                text,
    -- creation time (Stripe's clock) of the newest Stripe event applied: an older one arriving late is ignored
    last_event_at            timestamptz,
    created_at               timestamptz not null default now(),
    updated_at               timestamptz not null default now()
);
create index payments_ticket on payments (ticket_id);
