package dev.ticketpay.payment.intent;

import java.time.Instant;
import java.util.UUID;

import dev.ticketpay.payment.ChannelPayment;
import dev.ticketpay.payment.PaymentStatus;

/**
 * The payment of one order through one Stripe PaymentIntent. Its status is the API's and a small state machine
 * that gives each order exactly one outcome event per change: every transition checks where the payment stands.
 * {@code succeeded} is final except for {@code refunded}; a {@code failed} payment may be tried again with
 * another card on the same intent. {@code paymentIntentId} is null while the intent is being created.
 */
public record Payment(UUID paymentId, UUID orderId, long ticketId, String userId, String paymentIntentId,
        long amount, String currency, String receiptEmail, PaymentStatus status, Instant lastEventAt, Instant createdAt,
        Instant updatedAt) implements ChannelPayment<Payment> {

    /** A new payment for the order; its intent is created next. */
    static Payment forOrder(Order order, String receiptEmail) {
        return new Payment(UUID.randomUUID(), order.orderId(), order.ticketId(), order.userId(), null,
                order.amount(), order.currency(), receiptEmail, PaymentStatus.PENDING, null, null, null);
    }

    @Override
    public Channel channel() {
        return Channel.PAYMENT_INTENT;
    }

    /** The intent the buyer pays; null while it is being created. */
    @Override
    public String reference() {
        return paymentIntentId;
    }

    boolean isOwnedBy(String user) {
        return userId.equals(user);
    }

    boolean hasIntent() {
        return paymentIntentId != null;
    }

    /**
     * Money taken is always reported, even for a payment we cancelled meanwhile (ticket-service then issues the
     * ticket late or asks for a refund). Only a second report is suppressed.
     */
    @Override
    public boolean canSucceed() {
        return status != PaymentStatus.SUCCEEDED && status != PaymentStatus.REFUNDED;
    }

    /** The intent is this payment's own, so {@code paymentIntentId} is its {@link #reference()}. */
    @Override
    public Payment succeeded(String paymentIntentId) {
        return succeeded();
    }

    Payment succeeded() {
        if (!canSucceed()) {
            throw new IllegalStateException("payment " + paymentId + " cannot succeed, it is " + status);
        }
        return withStatus(PaymentStatus.SUCCEEDED);
    }

    /** A card was declined (or the attempt failed otherwise); the buyer may try again. */
    @Override
    public boolean canFail() {
        return status == PaymentStatus.PENDING || status == PaymentStatus.PROCESSING;
    }

    @Override
    public Payment failed() {
        require(canFail(), "fail");
        return withStatus(PaymentStatus.FAILED);
    }

    boolean canProcess() {
        return status == PaymentStatus.PENDING || status == PaymentStatus.FAILED;
    }

    Payment processing() {
        require(canProcess(), "start processing");
        return withStatus(PaymentStatus.PROCESSING);
    }

    /** Stripe says the intent waits for a payment method again, after a failed attempt. */
    Payment retried() {
        require(status == PaymentStatus.FAILED, "retry");
        return withStatus(PaymentStatus.PENDING);
    }

    @Override
    public boolean canBeCancelled() {
        return status == PaymentStatus.PENDING || status == PaymentStatus.PROCESSING || status == PaymentStatus.FAILED;
    }

    @Override
    public Payment cancelled() {
        require(canBeCancelled(), "cancel");
        return withStatus(PaymentStatus.CANCELLED);
    }

    boolean canBeRefunded() {
        return status == PaymentStatus.SUCCEEDED;
    }

    Payment refunded() {
        require(canBeRefunded(), "refund");
        return withStatus(PaymentStatus.REFUNDED);
    }

    /** A Stripe event created before the newest one applied says something already overtaken. */
    boolean isOutdatedBy(Instant eventCreated) {
        return lastEventAt != null && eventCreated != null && eventCreated.isBefore(lastEventAt);
    }

    private Payment withStatus(PaymentStatus next) {
        return new Payment(paymentId, orderId, ticketId, userId, paymentIntentId, amount, currency, receiptEmail,
                next, lastEventAt, createdAt, updatedAt);
    }

    private void require(boolean allowed, String action) {
        if (!allowed) {
            throw new IllegalStateException("cannot " + action + " payment " + paymentId + ", it is " + status);
        }
    }
}
