-- Shared by every service (spring.flyway.locations includes classpath:db/messaging).

-- Events waiting to be published, written in the same transaction as the state change they describe.
create table outbox (
    id           bigserial primary key,
    event_id     uuid        not null unique,
    topic        text        not null,
    message_key  text        not null,
    event_type   text        not null,
    payload      jsonb       not null,
    created_at   timestamptz not null default now(),
    published_at timestamptz
);
create index outbox_unpublished on outbox (id) where published_at is null;

-- Wakes the relay of every instance as soon as the writing transaction commits.
create function outbox_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('outbox', '');
    return null;
end
$$;
create trigger outbox_written after insert on outbox
    for each statement execute function outbox_notify();

-- Events this service has applied, recorded in the transaction of their effect.
create table inbox (
    consumer     text        not null,
    event_id     uuid        not null,
    event_type   text        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);
