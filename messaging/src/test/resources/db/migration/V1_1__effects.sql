-- What the test listener did: one row per applied event.
create table effects (
    id         bigserial primary key,
    ticket_id  bigint not null,
    event_type text   not null
);
