package dev.ticketpay.sandbox.stripe.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * A PaymentIntent, created by the API or by a Checkout Session's first payment attempt. Its status changes only
 * through the methods below, which say what happened to it.
 */
final class PaymentIntent {

    private final String id;
    private final String clientSecret;
    private final long created;
    private final String currency;
    private final boolean automaticPaymentMethods;
    private final String checkoutSessionId;
    private final Map<String, String> metadata;
    private long amount;
    private PaymentIntentStatus status;
    private String receiptEmail;
    private String description;
    private String statementDescriptor;
    private String statementDescriptorSuffix;
    private String paymentMethodId;
    private String latestChargeId;
    private ObjectNode lastPaymentError;
    private Long canceledAt;
    private String cancellationReason;
    private long amountReceived;

    /**
     * @param automaticPaymentMethods whether the intent was made with {@code automatic_payment_methods} rather than
     *     explicit {@code payment_method_types} (never for a session's intent)
     * @param checkoutSessionId the session that made it, or {@code null} for one made through the API
     */
    PaymentIntent(
            String id,
            long created,
            long amount,
            String currency,
            boolean automaticPaymentMethods,
            String checkoutSessionId,
            CheckoutSession.IntentData data) {
        this.id = id;
        this.clientSecret = id + "_secret_" + Ids.random(25);
        this.created = created;
        this.amount = amount;
        this.currency = currency;
        this.automaticPaymentMethods = automaticPaymentMethods;
        this.checkoutSessionId = checkoutSessionId;
        this.metadata = new LinkedHashMap<>(data.metadata());
        this.description = data.description();
        this.receiptEmail = data.receiptEmail();
        this.statementDescriptor = data.statementDescriptor();
        this.statementDescriptorSuffix = data.statementDescriptorSuffix();
        this.status = PaymentIntentStatus.REQUIRES_PAYMENT_METHOD;
    }

    String id() {
        return id;
    }

    String clientSecret() {
        return clientSecret;
    }

    long created() {
        return created;
    }

    long amount() {
        return amount;
    }

    String currency() {
        return currency;
    }

    PaymentIntentStatus status() {
        return status;
    }

    /** The metadata in the order it was given. */
    Map<String, String> metadata() {
        return Collections.unmodifiableMap(metadata);
    }

    String receiptEmail() {
        return receiptEmail;
    }

    String description() {
        return description;
    }

    String statementDescriptor() {
        return statementDescriptor;
    }

    String statementDescriptorSuffix() {
        return statementDescriptorSuffix;
    }

    String paymentMethodId() {
        return paymentMethodId;
    }

    String latestChargeId() {
        return latestChargeId;
    }

    ObjectNode lastPaymentError() {
        return lastPaymentError == null ? null : lastPaymentError.deepCopy();
    }

    Long canceledAt() {
        return canceledAt;
    }

    String cancellationReason() {
        return cancellationReason;
    }

    long amountReceived() {
        return amountReceived;
    }

    boolean automaticPaymentMethods() {
        return automaticPaymentMethods;
    }

    String checkoutSessionId() {
        return checkoutSessionId;
    }

    boolean madeByCheckout() {
        return checkoutSessionId != null;
    }

    /** A card is attached (or detached with {@code null}) ahead of confirmation. */
    void usePaymentMethod(String paymentMethodId) {
        this.paymentMethodId = paymentMethodId;
        this.status = paymentMethodId == null
                ? PaymentIntentStatus.REQUIRES_PAYMENT_METHOD
                : PaymentIntentStatus.REQUIRES_CONFIRMATION;
    }

    void changeAmount(long amount) {
        this.amount = amount;
    }

    /** Stripe's metadata update: an empty value removes its key; {@code clearFirst} for {@code metadata=""}. */
    void updateMetadata(Map<String, String> changes, boolean clearFirst) {
        if (clearFirst) {
            metadata.clear();
        }
        changes.forEach((k, v) -> {
            if (v.isEmpty()) {
                metadata.remove(k);
            } else {
                metadata.put(k, v);
            }
        });
    }

    void changeReceiptEmail(String receiptEmail) {
        this.receiptEmail = receiptEmail;
    }

    void changeDescription(String description) {
        this.description = description;
    }

    void changeStatementDescriptor(String statementDescriptor) {
        this.statementDescriptor = statementDescriptor;
    }

    void changeStatementDescriptorSuffix(String statementDescriptorSuffix) {
        this.statementDescriptorSuffix = statementDescriptorSuffix;
    }

    /** The card was charged. */
    void succeed(String chargeId, String paymentMethodId) {
        this.latestChargeId = chargeId;
        this.status = PaymentIntentStatus.SUCCEEDED;
        this.amountReceived = amount;
        this.paymentMethodId = paymentMethodId;
        this.lastPaymentError = null;
    }

    /** The card was declined; a failed attempt detaches the card, the next try brings a new one. */
    void fail(String chargeId, ObjectNode error) {
        this.latestChargeId = chargeId;
        this.lastPaymentError = error;
        this.status = PaymentIntentStatus.REQUIRES_PAYMENT_METHOD;
        this.paymentMethodId = null;
    }

    /** A delayed payment method started settling. */
    void startProcessing() {
        this.status = PaymentIntentStatus.PROCESSING;
    }

    void cancel(long now, String reason) {
        this.status = PaymentIntentStatus.CANCELED;
        this.canceledAt = now;
        this.cancellationReason = reason;
    }
}
