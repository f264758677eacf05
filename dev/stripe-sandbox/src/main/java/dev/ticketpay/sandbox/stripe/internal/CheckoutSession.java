package dev.ticketpay.sandbox.stripe.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Checkout Session in {@code payment} mode. What the merchant asked for is fixed at creation; the session then
 * only moves forward: it gets its PaymentIntent at the first payment attempt, and completes or expires once.
 */
final class CheckoutSession {

    /** What {@code payment_intent_data} asks of the PaymentIntent the session makes. */
    record IntentData(
            Map<String, String> metadata,
            String description,
            String receiptEmail,
            String statementDescriptor,
            String statementDescriptorSuffix) {

        IntentData {
            // in the order given: Stripe answers metadata in the order it was set
            metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        }
    }

    /** The session as {@code POST /v1/checkout/sessions} asked for it, validated. */
    record Terms(
            long expiresAt,
            String currency,
            long amountTotal,
            List<LineItem> lineItems,
            String successUrl,
            String cancelUrl,
            String clientReferenceId,
            Map<String, String> metadata,
            String customerEmail,
            String locale,
            String submitType,
            IntentData intentData) {

        Terms {
            lineItems = List.copyOf(lineItems);
        }
    }

    private final String id;
    private final long created;
    private final Terms terms;
    private SessionStatus status = SessionStatus.OPEN;
    private SessionPaymentStatus paymentStatus = SessionPaymentStatus.UNPAID;
    private String customerDetailsEmail;
    private String paymentIntentId;

    CheckoutSession(String id, long created, Terms terms) {
        this.id = id;
        this.created = created;
        this.terms = terms;
    }

    String id() {
        return id;
    }

    long created() {
        return created;
    }

    Terms terms() {
        return terms;
    }

    SessionStatus status() {
        return status;
    }

    SessionPaymentStatus paymentStatus() {
        return paymentStatus;
    }

    String customerDetailsEmail() {
        return customerDetailsEmail;
    }

    String paymentIntentId() {
        return paymentIntentId;
    }

    boolean isOpen() {
        return status == SessionStatus.OPEN;
    }

    /** Whether it is still open although its {@code expires_at} has come. */
    boolean isDue(long now) {
        return isOpen() && terms.expiresAt() <= now;
    }

    /** The PaymentIntent made for the first payment attempt. */
    void attachIntent(String intentId) {
        this.paymentIntentId = intentId;
    }

    /** The buyer paid on the hosted page. */
    void completePaid(String payerEmail) {
        requireOpen();
        status = SessionStatus.COMPLETE;
        paymentStatus = SessionPaymentStatus.PAID;
        customerDetailsEmail = payerEmail;
    }

    /** A delayed payment method was accepted: the session completes, the money comes later. */
    void completeUnpaid() {
        requireOpen();
        status = SessionStatus.COMPLETE;
    }

    /** The delayed payment of a completed session settled. */
    void markPaid() {
        paymentStatus = SessionPaymentStatus.PAID;
    }

    void expire() {
        requireOpen();
        status = SessionStatus.EXPIRED;
    }

    private void requireOpen() {
        if (!isOpen()) {
            throw new IllegalStateException("Checkout Session " + id + " is " + status.wire() + ", not open");
        }
    }
}
