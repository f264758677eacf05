-- The money ledger's last reconciliation report (one row): every instance answers GET /internal/ledger and sets
-- its ticketpay.ledger.unbalanced gauge from it, whichever instance ran the reconciliation.
create table ledger_reports (
    id          integer     primary key default 1 check (id = 1),
    finished_at timestamptz not null,
    unresolved  integer     not null,
    report      jsonb       not null
);
