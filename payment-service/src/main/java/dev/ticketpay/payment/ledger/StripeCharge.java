package dev.ticketpay.payment.ledger;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.stripe.model.Charge;
import com.stripe.model.Refund;

/**
 * A succeeded charge as Stripe tells it, with what the ledger needs: its PaymentIntent, how much went back, and
 * the ticket our metadata names (both channels put {@code ticket_id} and {@code order_id} on the PaymentIntent,
 * which Stripe copies onto its charges). {@code lastRefundId} may be null even when refunded, if Stripe did not
 * include the refunds.
 */
record StripeCharge(String id, String paymentIntentId, long amount, long amountRefunded, String currency,
        Instant created, Long ticketId, UUID orderId, boolean disputed, String lastRefundId, Instant lastRefundAt) {

    static StripeCharge of(Charge charge, Refund newestRefund) {
        Map<String, String> metadata = charge.getMetadata() == null ? Map.of() : charge.getMetadata();
        Refund refund = newestRefund != null ? newestRefund : newestOf(charge);
        return new StripeCharge(charge.getId(), charge.getPaymentIntent(), orZero(charge.getAmount()),
                orZero(charge.getAmountRefunded()), charge.getCurrency(), epoch(charge.getCreated()),
                ticketId(metadata.get("ticket_id")), uuid(metadata.get("order_id")),
                Boolean.TRUE.equals(charge.getDisputed()), refund == null ? null : refund.getId(),
                refund == null ? null : epoch(refund.getCreated()));
    }

    /** All the money went back (a partial refund leaves the ticket paid). */
    boolean fullyRefunded() {
        return amount > 0 && amountRefunded >= amount;
    }

    /** The charge names one of our tickets. */
    boolean isOurs() {
        return ticketId != null;
    }

    /** When Stripe last changed what the ledger looks at: the charge, or its newest refund. */
    Instant changedAt() {
        return lastRefundAt != null && lastRefundAt.isAfter(created) ? lastRefundAt : created;
    }

    private static Refund newestOf(Charge charge) {
        if (charge.getRefunds() == null || charge.getRefunds().getData() == null) {
            return null;
        }
        Refund newest = null;
        for (Refund refund : charge.getRefunds().getData()) {
            if (newest == null || orZero(refund.getCreated()) > orZero(newest.getCreated())) {
                newest = refund;
            }
        }
        return newest;
    }

    private static Instant epoch(Long seconds) {
        return Instant.ofEpochSecond(orZero(seconds));
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    private static Long ticketId(String value) {
        try {
            long id = value == null ? 0 : Long.parseLong(value);
            return id > 0 ? id : null;
        }
        catch (NumberFormatException notOurs) {
            return null;
        }
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
