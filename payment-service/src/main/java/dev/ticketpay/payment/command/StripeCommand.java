package dev.ticketpay.payment.command;

import java.util.UUID;

/**
 * One thing Stripe must be asked to do, decided and stored before it is done. {@code target} is the Stripe object
 * it is about (a PaymentIntent {@code pi_…} or a Checkout Session {@code cs_…}); {@code idempotencyKey} is made
 * from the command's own UUID, so every attempt, on any instance, names the same effect at Stripe.
 */
public record StripeCommand(UUID id, Kind kind, long ticketId, UUID orderId, String target, String idempotencyKey,
        int attempts) {

    public enum Kind {
        /** Refund the whole payment. */
        REFUND,
        /** Expire an open Checkout Session so it can no longer be paid. */
        EXPIRE_SESSION,
        /** Cancel a PaymentIntent so it can no longer be paid. */
        CANCEL_INTENT;

        /** The column's (and the metric tag's) word for it. */
        public String value() {
            return name().toLowerCase();
        }

        static Kind of(String value) {
            return valueOf(value.toUpperCase());
        }
    }

    public StripeCommand {
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException("a Stripe command needs a target (pi_… or cs_…), ticket " + ticketId);
        }
    }

    /** A new command, not stored yet. */
    public static StripeCommand of(Kind kind, long ticketId, UUID orderId, String target) {
        UUID id = UUID.randomUUID();
        return new StripeCommand(id, kind, ticketId, orderId, target, kind.value() + "-" + id, 0);
    }
}
