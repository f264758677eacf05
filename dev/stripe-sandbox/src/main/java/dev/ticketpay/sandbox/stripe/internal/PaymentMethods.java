package dev.ticketpay.sandbox.stripe.internal;

import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/** Card PaymentMethods: made from Stripe's test tokens, from a card typed into a form, or on the hosted page. */
final class PaymentMethods {

    private final Resources resources;
    private final Store<PaymentMethod> methods = new Store<>(PaymentMethod::id);

    PaymentMethods(Resources resources) {
        this.resources = resources;
    }

    PaymentMethod create(TestCards.Card card, String email) {
        return methods.add(new PaymentMethod(Ids.next("pm_"), resources.now(), card, email));
    }

    PaymentMethod get(String id) {
        return methods.get(id);
    }

    /**
     * Test tokens such as {@code pm_card_visa} become a fresh {@code pm_…} object, as in Stripe; ids of
     * PaymentMethods the sandbox made before are reused. {@code null} for no id.
     */
    PaymentMethod resolve(String id, String param) {
        if (id == null) {
            return null;
        }
        PaymentMethod existing = methods.get(id);
        if (existing != null) {
            return existing;
        }
        return TestCards.forPaymentMethod(id)
                .map(card -> create(card, null))
                .orElseThrow(() -> StripeApiException.noSuch("PaymentMethod", id, param));
    }

    /**
     * A card typed into a form, as Stripe.js sends it with {@code confirmCardPayment}:
     * {@code payment_method_data[type]=card&payment_method_data[card][number]=…} (expiry and CVC are accepted and,
     * as for test cards, not checked).
     */
    PaymentMethod fromCardData(Params data) {
        data.allowOnly(Set.of("type", "card", "billing_details"));
        if (!"card".equals(data.string("type"))) {
            throw StripeApiException.invalid(
                    "parameter_invalid_empty",
                    "The sandbox takes card payment methods only.",
                    "payment_method_data[type]");
        }
        Params card = data.object("card");
        card.allowOnly(Set.of("number", "exp_month", "exp_year", "cvc"));
        return TestCards.forNumber(card.string("number"))
                .map(known -> create(known, null))
                .orElseThrow(() -> StripeApiException.card("incorrect_number", "Your card number is incorrect.", null));
    }

    ObjectNode retrieve(String id, Params p) {
        p.allowOnly(Set.of("expand"));
        return resources.renderer().paymentMethod(methods.require(id, "PaymentMethod", "payment_method"));
    }
}
