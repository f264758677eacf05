package dev.ticketpay.payment.checkout;

import java.time.Instant;
import java.util.UUID;

/**
 * The payment of one ticket through a Stripe Checkout Session. Its status is a small state machine that makes
 * sure each ticket gets exactly one outcome event (succeeded, failed or cancelled), then at most one refund:
 * every transition checks where the payment stands and answers whether it changed anything.
 */
public record Checkout(long ticketId, UUID orderId, String userId, long amount, String currency, Status status,
        String sessionId, String checkoutUrl, Instant expiresAt, String paymentIntentId, boolean cancelRequested) {

    public enum Status {
        /** Reserved; the session is being created at Stripe. */
        CREATING,
        /** The session waits for the buyer. */
        OPEN,
        PAID,
        /** No payment will come: Stripe refused the session, it expired, or an async payment failed. */
        FAILED,
        /** We expired the session because the reservation was cancelled or ran out. */
        CANCELLED,
        /** Set by the shared refund path ({@code payment.charge}), for both channels. */
        REFUNDED;

        String column() {
            return name().toLowerCase();
        }

        static Status ofColumn(String value) {
            return valueOf(value.toUpperCase());
        }
    }

    /** A reserved ticket whose session is about to be asked for. */
    static Checkout creating(long ticketId, UUID orderId, String userId, long amount, String currency,
            Instant expiresAt) {
        return new Checkout(ticketId, orderId, userId, amount, currency, Status.CREATING, null, null, expiresAt,
                null, false);
    }

    public boolean isOwnedBy(String user) {
        return userId.equals(user);
    }

    Checkout opened(String session, String url) {
        requireStatus(Status.CREATING, "open a session");
        return new Checkout(ticketId, orderId, userId, amount, currency, Status.OPEN, session, url, expiresAt, null,
                cancelRequested);
    }

    Checkout refused() {
        requireStatus(Status.CREATING, "record a refused session");
        return withStatus(Status.FAILED);
    }

    /**
     * Money taken is always reported, even for a session we meant to cancel (Stripe completed it first): the
     * ticket-service then issues the ticket late or asks for a refund. Only a second report is suppressed.
     */
    boolean canBePaid() {
        return status == Status.OPEN || status == Status.FAILED || status == Status.CANCELLED;
    }

    Checkout paid(String paymentIntent) {
        if (!canBePaid()) {
            throw new IllegalStateException("ticket " + ticketId + " cannot be paid, it is " + status);
        }
        return new Checkout(ticketId, orderId, userId, amount, currency, Status.PAID, sessionId, checkoutUrl,
                expiresAt, paymentIntent, cancelRequested);
    }

    boolean isOpen() {
        return status == Status.OPEN;
    }

    Checkout failed() {
        requireStatus(Status.OPEN, "fail");
        return withStatus(Status.FAILED);
    }

    Checkout cancelled() {
        requireStatus(Status.OPEN, "cancel");
        return withStatus(Status.CANCELLED);
    }

    private Checkout withStatus(Status next) {
        return new Checkout(ticketId, orderId, userId, amount, currency, next, sessionId, checkoutUrl, expiresAt,
                paymentIntentId, cancelRequested);
    }

    private void requireStatus(Status expected, String action) {
        if (status != expected) {
            throw new IllegalStateException("cannot " + action + " for ticket " + ticketId + ", it is " + status);
        }
    }
}
