package dev.ticketpay.payment.checkout;

import com.stripe.model.checkout.Session;
import tools.jackson.databind.JsonNode;

/**
 * What a Checkout Session said at one moment, whether read from a webhook event's payload or retrieved from
 * Stripe: both paths feed the same {@link SessionOutcomes}. {@code ticketId} comes from our metadata (or
 * {@code client_reference_id}); null for sessions that are not ours.
 */
public record SessionSnapshot(String sessionId, Long ticketId, String status, String paymentStatus,
        String paymentIntentId, long amountTotal, String currency) {

    public boolean isPaid() {
        return "paid".equals(paymentStatus);
    }

    /** From the {@code data.object} of a {@code checkout.session.*} event. */
    public static SessionSnapshot of(JsonNode session) {
        JsonNode intent = session.path("payment_intent");
        String intentId = intent.isString() ? intent.asString()
                : intent.isObject() ? intent.path("id").asString(null) : null;
        return new SessionSnapshot(session.path("id").asString(null),
                ticketId(session.path("metadata").path("ticket_id").asString(null),
                        session.path("client_reference_id").asString(null)),
                session.path("status").asString(null), session.path("payment_status").asString(null), intentId,
                session.path("amount_total").asLong(0), session.path("currency").asString(null));
    }

    static SessionSnapshot of(Session session) {
        String ticket = session.getMetadata() == null ? null : session.getMetadata().get("ticket_id");
        return new SessionSnapshot(session.getId(), ticketId(ticket, session.getClientReferenceId()),
                session.getStatus(), session.getPaymentStatus(), session.getPaymentIntent(),
                session.getAmountTotal() == null ? 0 : session.getAmountTotal(), session.getCurrency());
    }

    private static Long ticketId(String fromMetadata, String clientReference) {
        for (String candidate : new String[] {fromMetadata, clientReference}) {
            if (candidate != null && candidate.matches("\\d{1,18}")) {
                return Long.parseLong(candidate);
            }
        }
        return null;
    }
}
