package dev.ticketpay.sandbox.stripe.internal;

import java.util.Set;
import java.util.function.Predicate;
import tools.jackson.databind.node.ObjectNode;

/** Refunds of succeeded charges, in full or in parts; each raises {@code charge.refunded}. */
final class Refunds {

    private final Resources resources;
    private final Renderer renderer;
    private final Charges charges;
    private final PaymentIntents intents;
    private final Store<Refund> refunds;

    Refunds(Resources resources, Charges charges, PaymentIntents intents, Store<Refund> refunds) {
        this.resources = resources;
        this.renderer = resources.renderer();
        this.charges = charges;
        this.intents = intents;
        this.refunds = refunds;
    }

    ObjectNode create(Params p, RequestOrigin origin) {
        p.allowOnly(Set.of(
                "payment_intent",
                "charge",
                "amount",
                "reason",
                "metadata",
                "expand",
                "instructions_email",
                "refund_application_fee",
                "reverse_transfer"));
        Charge c = chargeToRefund(p.string("charge"), p.string("payment_intent"));
        if (!c.succeeded()) {
            throw StripeApiException.invalid(
                    "charge_not_refundable", "Charge " + c.id() + " has failed and cannot be refunded.", "charge");
        }
        long remaining = c.refundable();
        if (remaining <= 0) {
            throw StripeApiException.invalid(
                    "charge_already_refunded", "Charge " + c.id() + " has already been refunded.", null);
        }
        Long amount = p.integer("amount");
        if (amount != null && amount < 1) {
            throw StripeApiException.invalid("Invalid positive integer", "amount");
        }
        if (amount != null && amount > remaining) {
            throw StripeApiException.invalid(
                    "amount_too_large",
                    "Refund amount (" + Currencies.format(amount, c.currency())
                            + ") is greater than unrefunded amount on charge ("
                            + Currencies.format(remaining, c.currency()) + ")",
                    "amount");
        }
        Refund r = refunds.add(new Refund(
                Ids.next("re_"),
                resources.now(),
                amount == null ? remaining : amount,
                c.currency(),
                c.id(),
                c.paymentIntentId(),
                p.newMetadata("metadata"),
                p.oneOf("reason", Set.of("duplicate", "fraudulent", "requested_by_customer")),
                Ids.next("txn_")));
        Charge refunded = charges.update(c.withRefund(r));
        resources.events().raise("charge.refunded", renderer.charge(refunded), origin);
        return renderer.refund(r);
    }

    /** The charge named by {@code charge}, or the succeeded charge of {@code payment_intent}. */
    private Charge chargeToRefund(String chargeId, String intentId) {
        if (chargeId == null && intentId == null) {
            throw StripeApiException.invalid(
                    "parameter_missing",
                    "One of the following params should be provided for this request: payment_intent or charge.",
                    null);
        }
        if (chargeId != null) {
            Charge c = charges.get(chargeId);
            if (c == null) {
                throw StripeApiException.noSuch("charge", chargeId, "charge");
            }
            if (intentId != null && !intentId.equals(c.paymentIntentId())) {
                throw StripeApiException.invalid(
                        "The charge " + chargeId + " does not belong to the PaymentIntent " + intentId + ".", "charge");
            }
            return c;
        }
        PaymentIntent pi = intents.require(intentId, "payment_intent");
        Charge c = charges.get(pi.latestChargeId());
        if (pi.status() != PaymentIntentStatus.SUCCEEDED || c == null) {
            throw StripeApiException.invalid(
                    "This PaymentIntent (" + intentId + ") does not have a successful charge to refund.",
                    "payment_intent");
        }
        return c;
    }

    ObjectNode retrieve(String id, Params p) {
        p.allowOnly(Set.of("expand"));
        return renderer.refund(refunds.require(id, "refund", "refund"));
    }

    ObjectNode list(Params p) {
        p.allowOnly(ListPage.params("charge", "payment_intent"));
        String charge = p.string("charge");
        String paymentIntent = p.string("payment_intent");
        Predicate<Long> created = ListPage.createdFilter(p);
        Predicate<Refund> matches = r -> (charge == null || charge.equals(r.chargeId()))
                && (paymentIntent == null || paymentIntent.equals(r.paymentIntentId()))
                && created.test(r.created());
        return ListPage.of(p, "/v1/refunds", "refund", refunds, matches, renderer::refund);
    }
}
