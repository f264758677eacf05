-- Check-in at the door: when and by whom (the staff member's JWT subject) a ticket was admitted, once.
alter table qr_codes
    add column checked_in_at timestamptz,
    add column checked_in_by text;

-- Tickets whose payment was refunded: their QR code admits nobody. Kept apart from qr_codes because a refund
-- (payments.v1) may be consumed before the confirmation (tickets.v1) that issues the QR code.
create table qr_revocations (
    ticket_id  bigint primary key,
    revoked_at timestamptz not null default now()
);
