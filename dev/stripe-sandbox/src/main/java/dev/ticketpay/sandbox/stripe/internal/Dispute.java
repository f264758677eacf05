package dev.ticketpay.sandbox.stripe.internal;

/** A dispute (chargeback) the buyer's bank opened on a charge; it is closed once, won or lost. */
record Dispute(
        String id,
        long created,
        String chargeId,
        String paymentIntentId,
        long amount,
        String currency,
        String reason,
        DisputeStatus status) {

    /** Disputes what is left of the charge after refunds. */
    static Dispute open(String id, long created, Charge charge, String reason) {
        return new Dispute(
                id,
                created,
                charge.id(),
                charge.paymentIntentId(),
                charge.refundable(),
                charge.currency(),
                reason,
                DisputeStatus.NEEDS_RESPONSE);
    }

    /** The bank decided: {@link DisputeStatus#WON} or {@link DisputeStatus#LOST}. */
    Dispute close(DisputeStatus decision) {
        if (status.closed()) {
            throw new IllegalArgumentException("dispute " + id + " is closed already (" + status.wire() + ")");
        }
        return new Dispute(id, created, chargeId, paymentIntentId, amount, currency, reason, decision);
    }
}
