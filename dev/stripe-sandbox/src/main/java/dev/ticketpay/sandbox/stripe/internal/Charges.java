package dev.ticketpay.sandbox.stripe.internal;

import dev.ticketpay.sandbox.stripe.SandboxClock;
import java.util.Set;
import java.util.function.Predicate;
import tools.jackson.databind.node.ObjectNode;

/** Charges: one per attempt to pay a PaymentIntent, made by {@link PaymentIntents}, read through the API. */
final class Charges {

    private final SandboxClock clock;
    private final Renderer renderer;
    private final Store<Charge> charges = new Store<>(Charge::id);

    Charges(SandboxClock clock, Renderer renderer) {
        this.clock = clock;
        this.renderer = renderer;
    }

    /** Charges the card now; the card decides whether the charge succeeds. */
    Charge attempt(PaymentIntent intent, PaymentMethod paymentMethod) {
        return charges.add(new Charge(Ids.next("ch_"), clock.epochSecond(), intent, paymentMethod));
    }

    /** The charge, or {@code null}. */
    Charge get(String id) {
        return charges.get(id);
    }

    ObjectNode retrieve(String id, Params p) {
        p.allowOnly(Set.of("expand"));
        Charge c = charges.get(id);
        if (c == null) {
            throw StripeApiException.noSuch("charge", id, "charge");
        }
        return renderer.charge(c);
    }

    ObjectNode list(Params p) {
        p.allowOnly(Set.of(
                "limit",
                "starting_after",
                "ending_before",
                "expand",
                "created",
                "customer",
                "payment_intent",
                "transfer_group"));
        String paymentIntent = p.string("payment_intent");
        Predicate<Long> created = ListPage.createdFilter(p);
        return ListPage.of(
                p,
                "/v1/charges",
                "charge",
                charges.newestFirst(),
                c -> (paymentIntent == null || paymentIntent.equals(c.paymentIntentId())) && created.test(c.created()),
                Charge::id,
                renderer::charge);
    }
}
