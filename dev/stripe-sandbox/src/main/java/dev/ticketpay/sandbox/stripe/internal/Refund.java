package dev.ticketpay.sandbox.stripe.internal;

import java.util.Map;

/** A refund of (part of) a charge, settled at once. */
record Refund(
        String id,
        long created,
        long amount,
        String currency,
        String chargeId,
        String paymentIntentId,
        Map<String, String> metadata,
        String reason,
        String balanceTransactionId) {

    RefundStatus status() {
        return RefundStatus.SUCCEEDED;
    }
}
