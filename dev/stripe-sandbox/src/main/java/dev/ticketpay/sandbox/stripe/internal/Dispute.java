package dev.ticketpay.sandbox.stripe.internal;

/** A dispute (chargeback) the buyer's bank opened on a charge; it is closed once, won or lost. */
final class Dispute {

    private final String id;
    private final long created;
    private final String chargeId;
    private final String paymentIntentId;
    private final long amount;
    private final String currency;
    private final String reason;
    private DisputeStatus status = DisputeStatus.NEEDS_RESPONSE;

    /** Disputes what is left of the charge after refunds. */
    Dispute(String id, long created, Charge charge, String reason) {
        this.id = id;
        this.created = created;
        this.chargeId = charge.id();
        this.paymentIntentId = charge.paymentIntentId();
        this.amount = charge.refundable();
        this.currency = charge.currency();
        this.reason = reason;
    }

    String id() {
        return id;
    }

    long created() {
        return created;
    }

    String chargeId() {
        return chargeId;
    }

    String paymentIntentId() {
        return paymentIntentId;
    }

    long amount() {
        return amount;
    }

    String currency() {
        return currency;
    }

    String reason() {
        return reason;
    }

    DisputeStatus status() {
        return status;
    }

    /** The bank decided: {@link DisputeStatus#WON} or {@link DisputeStatus#LOST}. */
    void close(DisputeStatus decision) {
        if (status.closed()) {
            throw new IllegalArgumentException("dispute " + id + " is closed already (" + status.wire() + ")");
        }
        status = decision;
    }
}
