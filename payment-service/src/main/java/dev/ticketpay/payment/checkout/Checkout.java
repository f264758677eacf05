package dev.ticketpay.payment.checkout;

import java.time.Instant;
import java.util.UUID;

import dev.ticketpay.payment.ChannelPayment;
import dev.ticketpay.payment.PaymentStatus;

/**
 * The payment of one ticket through a Stripe Checkout Session. Its status is a small state machine, in the
 * words every payment uses ({@link PaymentStatus}), that makes sure each ticket gets exactly one outcome event
 * (succeeded, failed or cancelled), then at most one refund: every transition checks where the payment stands.
 * A pending checkout is being created until its session is recorded, then open: the session waits for the buyer.
 * {@code failed}: no payment will come (Stripe refused the session, it expired, or an async payment failed);
 * {@code cancelled}: we expired the session because the reservation was cancelled or ran out; {@code refunded} is
 * set by the shared refund path ({@code payment.charge}).
 */
public record Checkout(long ticketId, UUID orderId, String userId, long amount, String currency,
        PaymentStatus status, String sessionId, String checkoutUrl, Instant expiresAt, String paymentIntentId,
        boolean cancelRequested) implements ChannelPayment<Checkout> {

    /** A reserved ticket whose session is about to be asked for. */
    static Checkout creating(long ticketId, UUID orderId, String userId, long amount, String currency,
            Instant expiresAt) {
        return new Checkout(ticketId, orderId, userId, amount, currency, PaymentStatus.PENDING, null, null,
                expiresAt, null, false);
    }

    @Override
    public Channel channel() {
        return Channel.CHECKOUT;
    }

    /** The session the buyer pays. */
    @Override
    public String reference() {
        return sessionId;
    }

    public boolean isOwnedBy(String user) {
        return userId.equals(user);
    }

    /** Pending, and its session is being asked for. */
    boolean isCreating() {
        return status == PaymentStatus.PENDING && sessionId == null;
    }

    /** Pending, and its session waits for the buyer. */
    boolean isOpen() {
        return status == PaymentStatus.PENDING && sessionId != null;
    }

    Checkout opened(String session, String url) {
        require(isCreating(), "open a session");
        return new Checkout(ticketId, orderId, userId, amount, currency, PaymentStatus.PENDING, session, url,
                expiresAt, null, cancelRequested);
    }

    Checkout refused() {
        require(isCreating(), "record a refused session");
        return withStatus(PaymentStatus.FAILED);
    }

    /** Also a session we meant to cancel, or that failed: Stripe completed it first. */
    @Override
    public boolean canSucceed() {
        return isOpen() || status == PaymentStatus.FAILED || status == PaymentStatus.CANCELLED;
    }

    @Override
    public Checkout succeeded(String paymentIntent) {
        require(canSucceed(), "be paid");
        return new Checkout(ticketId, orderId, userId, amount, currency, PaymentStatus.SUCCEEDED, sessionId,
                checkoutUrl, expiresAt, paymentIntent, cancelRequested);
    }

    /** A session's failure (expired unpaid, async payment failed) is final. */
    @Override
    public boolean canFail() {
        return isOpen();
    }

    @Override
    public Checkout failed() {
        require(canFail(), "fail");
        return withStatus(PaymentStatus.FAILED);
    }

    @Override
    public boolean canBeCancelled() {
        return isOpen();
    }

    @Override
    public Checkout cancelled() {
        require(canBeCancelled(), "cancel");
        return withStatus(PaymentStatus.CANCELLED);
    }

    private Checkout withStatus(PaymentStatus next) {
        return new Checkout(ticketId, orderId, userId, amount, currency, next, sessionId, checkoutUrl, expiresAt,
                paymentIntentId, cancelRequested);
    }

    private void require(boolean allowed, String action) {
        if (!allowed) {
            throw new IllegalStateException("cannot " + action + " for ticket " + ticketId + ", it is "
                    + (isCreating() ? "being created" : isOpen() ? "open" : status.value()));
        }
    }
}
