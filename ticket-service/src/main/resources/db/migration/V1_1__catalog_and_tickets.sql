create table events (
    id         bigserial primary key,
    name       text        not null,
    venue      text        not null,
    starts_at  timestamptz not null,
    capacity   integer     not null check (capacity > 0),
    -- the last line of defence against overselling: no update may take seats that are not there
    available  integer     not null check (available >= 0 and available <= capacity),
    price      bigint      not null check (price >= 0),
    currency   text        not null check (currency ~ '^[a-z]{3}$'),
    created_at timestamptz not null default now()
);

create table tickets (
    id                  bigserial primary key,
    order_id            uuid        not null unique,
    ticket_code         uuid        not null unique,
    event_id            bigint      not null references events (id),
    event_name          text        not null,
    user_id             text        not null,
    email               text,
    quantity            integer     not null check (quantity > 0),
    amount              bigint      not null check (amount >= 0),
    currency            text        not null,
    status              text        not null check (status in ('reserved', 'paid', 'cancelled', 'expired', 'refunded')),
    expires_at          timestamptz,
    qr_payload          text,
    qr_code_data        text,
    checkout_session_id text,
    checkout_url        text,
    failure_reason      text,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now()
);
create index tickets_by_user on tickets (user_id);
create index tickets_to_expire on tickets (expires_at) where status = 'reserved';

-- Wakes the requests waiting on a ticket, in every instance, once the change commits.
create function ticket_changed() returns trigger language plpgsql as $$
begin
    perform pg_notify('ticket_changed', new.id::text);
    return null;
end
$$;
create trigger ticket_written after insert or update on tickets
    for each row execute function ticket_changed();
