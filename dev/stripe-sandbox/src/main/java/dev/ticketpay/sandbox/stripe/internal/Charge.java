package dev.ticketpay.sandbox.stripe.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One attempt to charge a card for a PaymentIntent: succeeded or failed, never pending. A succeeded charge can
 * then be refunded (in parts) and disputed, each of which makes a new state of it.
 *
 * @param metadata the intent's metadata when the card was charged, in its order
 * @param refundIds the refunds so far, oldest first
 */
record Charge(
        String id,
        long created,
        String paymentIntentId,
        long amount,
        String currency,
        String description,
        String receiptEmail,
        Map<String, String> metadata,
        PaymentMethod paymentMethod,
        String balanceTransactionId,
        List<String> refundIds,
        long amountRefunded,
        boolean disputed) {

    /**
     * Charges {@code paymentMethod}'s card what the intent asks for now (a copy: later changes to the intent do not
     * change the charge); the card decides whether it succeeds.
     */
    static Charge attempt(String id, long created, PaymentIntent intent, PaymentMethod paymentMethod) {
        boolean paid = paymentMethod.card().succeeds();
        return new Charge(
                id,
                created,
                intent.id(),
                intent.amount(),
                intent.currency(),
                intent.description(),
                intent.receiptEmail(),
                Collections.unmodifiableMap(new LinkedHashMap<>(intent.metadata())),
                paymentMethod,
                paid ? Ids.next("txn_") : null,
                List.of(),
                0,
                false);
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

    /** What is left to refund. */
    long refundable() {
        return amount - amountRefunded;
    }

    Charge withRefund(Refund refund) {
        List<String> refunds = new ArrayList<>(refundIds);
        refunds.add(refund.id());
        return with(List.copyOf(refunds), amountRefunded + refund.amount(), disputed);
    }

    Charge withDispute() {
        return with(refundIds, amountRefunded, true);
    }

    private Charge with(List<String> refunds, long refunded, boolean isDisputed) {
        return new Charge(
                id,
                created,
                paymentIntentId,
                amount,
                currency,
                description,
                receiptEmail,
                metadata,
                paymentMethod,
                balanceTransactionId,
                refunds,
                refunded,
                isDisputed);
    }
}
