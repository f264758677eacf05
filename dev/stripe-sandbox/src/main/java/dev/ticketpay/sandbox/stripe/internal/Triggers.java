package dev.ticketpay.sandbox.stripe.internal;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * Events raised on demand, like {@code stripe trigger}: the object goes through the same change as in Stripe,
 * with the events Stripe raises on the way.
 */
final class Triggers {

    /** The events {@link #trigger} raises. */
    static final List<String> TYPES = List.of(
            "checkout.session.async_payment_succeeded",
            "checkout.session.async_payment_failed",
            "payment_intent.processing",
            "charge.refunded",
            "charge.dispute.created");

    /** The resources, read when a trigger runs: a trigger may touch any of them. */
    private final SandboxState stripe;

    Triggers(SandboxState stripe) {
        this.stripe = stripe;
    }

    /**
     * Makes Stripe raise {@code type} for an existing object (a {@code cs_} session, {@code pi_} PaymentIntent or
     * {@code ch_} charge, as the event needs) or, when {@code objectId} is null, for a fresh one, as {@code stripe
     * trigger} does (a refund raises nothing else; a fresh paid PaymentIntent raises {@code payment_intent.succeeded}
     * first). Answers the triggered event.
     */
    ObjectNode trigger(String type, String objectId) {
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("event must be one of " + TYPES);
        }
        switch (type) {
            case "checkout.session.async_payment_succeeded", "checkout.session.async_payment_failed" ->
                    stripe.sessions.settleDelayedPayment(
                            objectId == null ? freshSession() : stripe.sessions.require(objectId, "object"),
                            type.endsWith("succeeded"));
            case "payment_intent.processing" ->
                    stripe.intents.startProcessing(objectId == null ? freshIntent(false) : intent(objectId));
            case "charge.refunded" ->
                    stripe.refunds.create(
                            Params.parse("charge=" + paidCharge(objectId).id()), RequestOrigin.NONE);
            default -> stripe.disputes.open(paidCharge(objectId).id(), null);
        }
        return stripe.events().latest();
    }

    /** The succeeded charge behind an id of a session, PaymentIntent or charge; a fresh paid one for null. */
    private Charge paidCharge(String objectId) {
        String chargeId = objectId;
        if (objectId == null) {
            chargeId = freshIntent(true).latestChargeId();
        } else if (objectId.startsWith("cs_")) {
            String intentId = stripe.sessions.require(objectId, "object").paymentIntentId();
            chargeId = intentId == null ? null : intent(intentId).latestChargeId();
        } else if (objectId.startsWith("pi_")) {
            chargeId = intent(objectId).latestChargeId();
        }
        Charge c = stripe.charges.get(chargeId);
        if (c == null || !c.succeeded()) {
            throw new IllegalArgumentException("no succeeded charge behind " + objectId);
        }
        return c;
    }

    private PaymentIntent intent(String id) {
        PaymentIntent pi = stripe.intents.get(id);
        if (pi == null) {
            throw new IllegalArgumentException("no PaymentIntent " + id);
        }
        return pi;
    }

    /** A new PaymentIntent of 2000 jpy, paid with the test Visa card or left unpaid. */
    private PaymentIntent freshIntent(boolean paid) {
        String params = "amount=2000&currency=jpy&metadata[created_by]=sandbox_trigger"
                + (paid ? "&payment_method=pm_card_visa&confirm=true" : "");
        return intent(stripe.intents
                .create(Params.parse(params), RequestOrigin.NONE)
                .get("id")
                .asString());
    }

    /** A new open Checkout Session of 2000 jpy. */
    private CheckoutSession freshSession() {
        String id = stripe.sessions
                .create(Params.parse("mode=payment&success_url=http://localhost/success"
                        + "&line_items[0][quantity]=1&line_items[0][price_data][currency]=jpy"
                        + "&line_items[0][price_data][unit_amount]=2000"
                        + "&line_items[0][price_data][product_data][name]=sandbox_trigger"))
                .get("id")
                .asString();
        return stripe.sessions.require(id, "object");
    }
}
