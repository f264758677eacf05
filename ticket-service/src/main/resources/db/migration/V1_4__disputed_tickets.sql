-- A paid ticket whose charge the buyer's bank disputes: it admits nobody and keeps its seats until the dispute is
-- closed (won: paid again; lost: refunded, seats released).
alter table tickets drop constraint tickets_status_check;
alter table tickets add constraint tickets_status_check
    check (status in ('reserved', 'paid', 'cancelled', 'expired', 'refunded', 'disputed'));
