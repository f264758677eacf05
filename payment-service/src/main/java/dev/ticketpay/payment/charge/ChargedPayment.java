package dev.ticketpay.payment.charge;

import java.util.UUID;

import dev.ticketpay.payment.ChannelPayment.Channel;
import dev.ticketpay.payment.PaymentStatus;

/**
 * A ticket's payment seen the same way whichever channel took the money: a Checkout Session (classic API) or a
 * PaymentIntent (payments API v1). Only what refunds and disputes need: where the money stands and the open
 * dispute, if any.
 */
record ChargedPayment(Channel channel, long ticketId, UUID orderId, String paymentIntentId, PaymentStatus status,
        String disputeId, String disputeStatus) {

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
