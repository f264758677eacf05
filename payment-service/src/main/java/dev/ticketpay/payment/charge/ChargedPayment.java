package dev.ticketpay.payment.charge;

import java.util.UUID;

import dev.ticketpay.payment.PaymentStatus;

/**
 * A ticket's payment seen the same way whichever channel took the money: a Checkout Session (classic API) or a
 * PaymentIntent (payments API v1). Only what refunds and disputes need: where the money stands and the open
 * dispute, if any.
 */
record ChargedPayment(Channel channel, long ticketId, UUID orderId, String paymentIntentId, PaymentStatus status,
        String disputeId, String disputeStatus) {

    /** Where a channel keeps its payments. */
    enum Channel {
        CHECKOUT("checkout_sessions", "payment_intent_id"),
        PAYMENT_INTENT("payments", "stripe_payment_intent_id");

        final String table;
        final String intentColumn;

        Channel(String table, String intentColumn) {
            this.table = table;
            this.intentColumn = intentColumn;
        }
    }

    static final String DISPUTE_OPEN = "open";

    /** The money was taken and is still with us. */
    boolean isPaid() {
        return status == PaymentStatus.SUCCEEDED;
    }

    boolean isRefunded() {
        return status == PaymentStatus.REFUNDED;
    }

    boolean hasOpenDispute() {
        return DISPUTE_OPEN.equals(disputeStatus);
    }
}
