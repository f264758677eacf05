create table qr_codes (
    ticket_id   bigint primary key,
    ticket_code text        not null unique,
    event_id    bigint      not null,
    user_id     text        not null,
    quantity    integer     not null,
    payload     text        not null,
    png_base64  text        not null,
    issued_at   timestamptz not null
);
