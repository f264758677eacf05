package dev.ticketpay.sandbox.stripe.internal;

import java.util.Set;
import java.util.function.Predicate;
import tools.jackson.databind.node.ObjectNode;

/** Charges: one per attempt to pay a PaymentIntent, made by {@link PaymentIntents}, read through the API. */
final class Charges {

    private final Resources resources;
    private final Renderer renderer;
    private final Store<Charge> charges = new Store<>(Charge::id);

    Charges(Resources resources) {
        this.resources = resources;
        this.renderer = resources.renderer();
    }

    /** Charges the card now; the card decides whether the charge succeeds. */
    Charge attempt(PaymentIntent intent, PaymentMethod paymentMethod) {
        return charges.add(Charge.attempt(Ids.next("ch_"), resources.now(), intent, paymentMethod));
    }

    /** Keeps the new state of a charge (refunded, disputed). */
    Charge update(Charge charge) {
        return charges.add(charge);
    }

    /** The charge, or {@code null}. */
    Charge get(String id) {
        return charges.get(id);
    }

    ObjectNode retrieve(String id, Params p) {
        p.allowOnly(Set.of("expand"));
        return renderer.charge(charges.require(id, "charge", "charge"));
    }

    ObjectNode list(Params p) {
        p.allowOnly(ListPage.params("customer", "payment_intent", "transfer_group"));
        String paymentIntent = p.string("payment_intent");
        Predicate<Long> created = ListPage.createdFilter(p);
        Predicate<Charge> matches =
                c -> (paymentIntent == null || paymentIntent.equals(c.paymentIntentId())) && created.test(c.created());
        return ListPage.of(p, "/v1/charges", "charge", charges, matches, renderer::charge);
    }
}
