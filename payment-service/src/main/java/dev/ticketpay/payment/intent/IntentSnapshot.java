package dev.ticketpay.payment.intent;

import java.util.UUID;

import com.stripe.model.PaymentIntent;
import tools.jackson.databind.JsonNode;

/**
 * What a PaymentIntent said at one moment, read from a webhook event or retrieved from Stripe: both feed the
 * same {@link IntentOutcomes}. {@code paymentId} is our metadata; null for intents that are not ours (those of
 * Checkout Sessions, say). {@code errorCode}/{@code errorMessage} are the last payment error's, if any.
 */
public record IntentSnapshot(String id, UUID paymentId, String status, long amount, long amountReceived,
        String currency, String errorType, String errorCode, String errorMessage) {

    /** From the {@code data.object} of a {@code payment_intent.*} event. */
    public static IntentSnapshot of(JsonNode intent) {
        JsonNode error = intent.path("last_payment_error");
        return new IntentSnapshot(intent.path("id").asString(null),
                uuid(intent.path("metadata").path("payment_id").asString(null)),
                intent.path("status").asString(null), intent.path("amount").asLong(0),
                intent.path("amount_received").asLong(0), intent.path("currency").asString(null),
                error.path("type").asString(null), error.path("code").asString(null),
                error.path("message").asString(null));
    }

    static IntentSnapshot of(PaymentIntent intent) {
        var error = intent.getLastPaymentError();
        return new IntentSnapshot(intent.getId(),
                intent.getMetadata() == null ? null : uuid(intent.getMetadata().get("payment_id")),
                intent.getStatus(), orZero(intent.getAmount()), orZero(intent.getAmountReceived()),
                intent.getCurrency(), error == null ? null : error.getType(), error == null ? null : error.getCode(),
                error == null ? null : error.getMessage());
    }

    /** The amount Stripe holds for us: what was received, or the intent's amount if Stripe did not say. */
    long amountTaken() {
        return amountReceived > 0 ? amountReceived : amount;
    }

    /** The intent waits for the buyer (again): no attempt is under way. */
    boolean awaitsPayment() {
        return status != null && status.startsWith("requires_");
    }

    /** PaymentFailed's reason: {@code declined} for a refused card, otherwise Stripe's error code. */
    String failureReason() {
        if (errorType == null || "card_error".equals(errorType)) {
            return dev.ticketpay.contracts.PaymentFailed.DECLINED;
        }
        return errorCode != null ? errorCode : errorType;
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    private static UUID uuid(String value) {
        try {
            return value == null ? null : UUID.fromString(value);
        }
        catch (IllegalArgumentException notOurs) {
            return null;
        }
    }
}
