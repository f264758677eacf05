package dev.ticketpay.payment.charge;

import java.time.Instant;

import tools.jackson.databind.JsonNode;

/**
 * What a Stripe Dispute said in a {@code charge.dispute.*} event. {@code status} is Stripe's: needs_response,
 * under_review, … while open; won, lost or warning_closed (an inquiry that ended without a chargeback) when closed.
 */
public record DisputeSnapshot(String id, String paymentIntentId, long amount, String currency, String reason,
        String status, Instant created) {

    /** From the {@code data.object} of a {@code charge.dispute.*} event. */
    public static DisputeSnapshot of(JsonNode dispute) {
        JsonNode intent = dispute.path("payment_intent");
        String intentId = intent.isString() ? intent.asString()
                : intent.isObject() ? intent.path("id").asString(null) : null;
        long created = dispute.path("created").asLong(0);
        return new DisputeSnapshot(dispute.path("id").asString(null), intentId, dispute.path("amount").asLong(0),
                dispute.path("currency").asString(null), dispute.path("reason").asString("general"),
                dispute.path("status").asString(null), created > 0 ? Instant.ofEpochSecond(created) : null);
    }

    /** The money stays with us: won, or an inquiry closed without a chargeback. */
    boolean won() {
        return "won".equals(status) || "warning_closed".equals(status);
    }
}
