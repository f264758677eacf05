package dev.ticketpay.sandbox.stripe.internal;

import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/** Disputes (chargebacks), opened and decided through the control API as the buyer's bank would. */
final class Disputes {

    private static final Set<String> REASONS = Set.of(
            "credit_not_processed",
            "duplicate",
            "fraudulent",
            "general",
            "product_not_received",
            "product_unacceptable",
            "subscription_canceled",
            "unrecognized");

    private final Resources resources;
    private final Charges charges;
    private final PaymentIntents intents;
    private final Store<Dispute> disputes = new Store<>(Dispute::id);

    Disputes(Resources resources, Charges charges, PaymentIntents intents) {
        this.resources = resources;
        this.charges = charges;
        this.intents = intents;
    }

    /**
     * The buyer's bank disputes a succeeded charge, named by itself or by its PaymentIntent: Stripe raises
     * {@code charge.dispute.created} with the dispute in {@code needs_response}.
     */
    ObjectNode open(String chargeOrIntentId, String reason) {
        String why = reason == null ? "fraudulent" : reason;
        if (!REASONS.contains(why)) {
            throw new IllegalArgumentException("reason must be one of " + REASONS);
        }
        Charge c = chargeOrIntentId != null && chargeOrIntentId.startsWith("pi_")
                ? charges.get(
                        intents.require(chargeOrIntentId, "payment_intent").latestChargeId())
                : charges.get(chargeOrIntentId);
        if (c == null || !c.succeeded()) {
            throw new IllegalArgumentException("no succeeded charge " + chargeOrIntentId + " to dispute");
        }
        Dispute d = disputes.add(Dispute.open(Ids.next("dp_"), resources.now(), c, why));
        charges.update(c.withDispute());
        resources.events().raise("charge.dispute.created", resources.renderer().dispute(d), RequestOrigin.NONE);
        return resources.renderer().dispute(d);
    }

    /** The bank decides an open dispute ({@code won} or {@code lost}): {@code charge.dispute.closed}. */
    ObjectNode close(String disputeId, String status) {
        Dispute d = disputes.get(disputeId);
        if (d == null) {
            throw new IllegalArgumentException("no dispute " + disputeId);
        }
        if (!"won".equals(status) && !"lost".equals(status)) {
            throw new IllegalArgumentException("status must be won or lost");
        }
        d = disputes.add(d.close(DisputeStatus.valueOf(status.toUpperCase(Locale.ROOT))));
        resources.events().raise("charge.dispute.closed", resources.renderer().dispute(d), RequestOrigin.NONE);
        return resources.renderer().dispute(d);
    }
}
