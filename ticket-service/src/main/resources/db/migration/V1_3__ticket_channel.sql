-- How a ticket is paid: checkout (classic API, Stripe Checkout) or payment_intent (payments API v1).
alter table tickets add column channel text not null default 'checkout'
    check (channel in ('checkout', 'payment_intent'));
