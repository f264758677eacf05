-- Rows Kafka refused for good (too large, invalid topic) are parked with the error instead of blocking the
-- rows behind them; an operator releases one by clearing parked_at once the cause is fixed.
alter table outbox add column parked_at timestamptz;
alter table outbox add column last_error text;
create index outbox_parked on outbox (id) where parked_at is not null;
create index outbox_published on outbox (published_at) where published_at is not null;
create index inbox_processed on inbox (processed_at);

-- Dead letters of this service's consumers (records from <topic>.dlt whose original consumer group is ours),
-- kept so operators can count, inspect and replay them.
create table dead_letters (
    id                bigserial   primary key,
    dlt_topic         text        not null,
    dlt_partition     integer     not null,
    dlt_offset        bigint      not null,
    original_topic    text        not null,
    message_key       text,
    event_id          text,
    event_type        text,
    reason            text        not null,
    error             text,
    headers           jsonb       not null,
    payload           bytea,
    dead_at           timestamptz not null default now(),
    replayed_at       timestamptz,
    replays           integer     not null default 0,
    unique (dlt_topic, dlt_partition, dlt_offset)
);
create index dead_letters_pending on dead_letters (dlt_topic) where replayed_at is null;
