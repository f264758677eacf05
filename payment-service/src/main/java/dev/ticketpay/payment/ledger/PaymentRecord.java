package dev.ticketpay.payment.ledger;

import java.time.Instant;
import java.util.UUID;

import dev.ticketpay.payment.PaymentStatus;

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

    /** Where the money stands in our records: {@link PaymentStatus} in the ledger's three words. */
    enum Standing {
        /** No money recorded (yet): being created, pending, processing, failed, cancelled. */
        UNPAID,
        SUCCEEDED,
        REFUNDED;

        static Standing of(String status) {
            return switch (PaymentStatus.of(status)) {
                case SUCCEEDED -> SUCCEEDED;
                case REFUNDED -> REFUNDED;
                case PENDING, PROCESSING, FAILED, CANCELLED -> UNPAID;
            };
        }
    }
}
