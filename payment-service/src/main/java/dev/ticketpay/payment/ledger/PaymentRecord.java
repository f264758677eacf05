package dev.ticketpay.payment.ledger;

import java.time.Instant;
import java.util.UUID;

/**
 * A payment as this service recorded it, whichever channel took it: a Checkout Session ({@code sessionId} set)
 * or a PaymentIntent of the payments API v1 ({@code paymentId} set). {@code refundPending}: a refund command of
 * the ticket waits for Stripe, so the money is on its way back already.
 */
record PaymentRecord(Channel channel, long ticketId, UUID orderId, UUID paymentId, String sessionId,
        String paymentIntentId, Standing standing, String refundId, String disputeStatus, Instant updatedAt,
        boolean refundPending) {

    enum Channel {
        CHECKOUT, PAYMENT_INTENT
    }

    /** Where the money stands in our records, in the ledger's three words. */
    enum Standing {
        /** No money recorded (yet): being created, pending, processing, failed, cancelled. */
        UNPAID,
        SUCCEEDED,
        REFUNDED;

        /** Both channels' words: Checkout said {@code paid} before the status vocabularies were unified. */
        static Standing of(String status) {
            return switch (status) {
                case "paid", "succeeded" -> SUCCEEDED;
                case "refunded" -> REFUNDED;
                default -> UNPAID;
            };
        }
    }
}
