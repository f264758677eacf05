package dev.ticketpay.payment.ledger;

/** A ticket as ticket-service reports it to the ledger: its status and whether its QR code was issued. */
record TicketStanding(long ticketId, String status, boolean qrIssued) {

    boolean isPaid() {
        return "paid".equals(status);
    }

    boolean isRefunded() {
        return "refunded".equals(status);
    }

    /** Paid, under a chargeback: the seats stay taken and nobody is admitted until the dispute is closed. */
    boolean isDisputed() {
        return "disputed".equals(status);
    }

    /** Not (or no longer) holding what was paid for: reserved, cancelled or expired. */
    boolean awaitsPayment() {
        return "reserved".equals(status) || "cancelled".equals(status) || "expired".equals(status);
    }
}
