package dev.ticketpay.payment.ledger;

/** Another reconciliation of the ledger is running, on this instance or another. */
public final class LedgerBusy extends RuntimeException {

    LedgerBusy() {
        super("A reconciliation is running already; try again shortly.", null, false, false);
    }
}
