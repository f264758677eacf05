package dev.ticketpay.sandbox.stripe.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One attempt to charge a card for a PaymentIntent: succeeded or failed, never pending. A succeeded charge can
 * then be refunded (in parts) and disputed.
 */
final class Charge {

    private final String id;
    private final long created;
    private final String paymentIntentId;
    private final long amount;
    private final String currency;
    private final String description;
    private final String receiptEmail;
    private final Map<String, String> metadata;
    private final PaymentMethod paymentMethod;
    private final String balanceTransactionId;
    private final List<String> refundIds = new ArrayList<>();
    private long amountRefunded;
    private boolean disputed;

    /**
     * Charges {@code paymentMethod}'s card what the intent asks for now (a copy: later changes to the intent do not
     * change the charge); the card decides whether it succeeds.
     */
    Charge(String id, long created, PaymentIntent intent, PaymentMethod paymentMethod) {
        this.id = id;
        this.created = created;
        this.paymentIntentId = intent.id();
        this.amount = intent.amount();
        this.currency = intent.currency();
        this.description = intent.description();
        this.receiptEmail = intent.receiptEmail();
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(intent.metadata()));
        this.paymentMethod = paymentMethod;
        this.balanceTransactionId = decline() == null ? Ids.next("txn_") : null;
    }

    String id() {
        return id;
    }

    long created() {
        return created;
    }

    String paymentIntentId() {
        return paymentIntentId;
    }

    long amount() {
        return amount;
    }

    String currency() {
        return currency;
    }

    String description() {
        return description;
    }

    String receiptEmail() {
        return receiptEmail;
    }

    Map<String, String> metadata() {
        return metadata;
    }

    PaymentMethod paymentMethod() {
        return paymentMethod;
    }

    /** Why the card was declined, or {@code null} if it paid. */
    TestCards.Decline decline() {
        return paymentMethod.card().decline();
    }

    ChargeStatus status() {
        return decline() == null ? ChargeStatus.SUCCEEDED : ChargeStatus.FAILED;
    }

    boolean succeeded() {
        return status() == ChargeStatus.SUCCEEDED;
    }

    String balanceTransactionId() {
        return balanceTransactionId;
    }

    long amountRefunded() {
        return amountRefunded;
    }

    /** Refund ids, oldest first. */
    List<String> refundIds() {
        return List.copyOf(refundIds);
    }

    boolean isDisputed() {
        return disputed;
    }

    /** What is left to refund. */
    long refundable() {
        return amount() - amountRefunded;
    }

    void addRefund(Refund refund) {
        amountRefunded += refund.amount();
        refundIds.add(refund.id());
    }

    void openDispute() {
        disputed = true;
    }
}
