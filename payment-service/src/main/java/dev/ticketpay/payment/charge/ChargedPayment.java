package dev.ticketpay.payment.charge;

import java.util.UUID;

/**
 * A ticket's payment seen the same way whichever channel took the money: a Checkout Session (classic API) or a
 * PaymentIntent (payments API v1). Only what refunds and disputes need: where the money stands and the open
 * dispute, if any.
 */
record ChargedPayment(Channel channel, long ticketId, UUID orderId, String paymentIntentId, State state,
        String disputeId, String disputeStatus) {

    /** Where a channel keeps its payments, and its word for a payment that took the money. */
    enum Channel {
        CHECKOUT("checkout_sessions", "payment_intent_id", "paid"),
        PAYMENT_INTENT("payments", "stripe_payment_intent_id", "succeeded");

        final String table;
        final String intentColumn;
        final String paidStatus;

        Channel(String table, String intentColumn, String paidStatus) {
            this.table = table;
            this.intentColumn = intentColumn;
            this.paidStatus = paidStatus;
        }

        State state(String status) {
            return paidStatus.equals(status) ? State.PAID : "refunded".equals(status) ? State.REFUNDED : State.UNPAID;
        }
    }

    enum State {
        /** No money taken (yet): pending, open, failed, cancelled. */
        UNPAID,
        PAID,
        REFUNDED
    }

    static final String DISPUTE_OPEN = "open";

    boolean isPaid() {
        return state == State.PAID;
    }

    boolean hasOpenDispute() {
        return DISPUTE_OPEN.equals(disputeStatus);
    }
}
