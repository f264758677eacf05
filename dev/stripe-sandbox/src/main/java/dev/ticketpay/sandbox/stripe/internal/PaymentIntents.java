package dev.ticketpay.sandbox.stripe.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import tools.jackson.databind.node.ObjectNode;

/**
 * PaymentIntents and their rules: made through the API or by a Checkout Session, confirmed with a card (each
 * attempt a {@link Charge}), updated while unpaid and canceled while unsettled, with Stripe's events on the way.
 */
final class PaymentIntents {

    /** Accepted and ignored on create and confirm: only meaningful for redirect or off-session flows. */
    private static final List<String> IGNORED_PARAMS = List.of(
            "return_url",
            "payment_method_options",
            "use_stripe_sdk",
            "error_on_requires_action",
            "off_session",
            "mandate_data",
            "shipping");

    private static final Set<String> CREATE_PARAMS = with(
            IGNORED_PARAMS,
            "amount",
            "currency",
            "metadata",
            "receipt_email",
            "description",
            "payment_method",
            "confirm",
            "automatic_payment_methods",
            "payment_method_types",
            "capture_method",
            "statement_descriptor",
            "statement_descriptor_suffix",
            "expand",
            "confirmation_method",
            "transfer_group");

    private static final Set<String> CONFIRM_PARAMS = with(
            IGNORED_PARAMS,
            "payment_method",
            "receipt_email",
            "expand",
            "client_secret",
            "payment_method_types",
            "payment_method_data");

    private final Resources resources;
    private final Renderer renderer;
    private final PaymentMethods paymentMethods;
    private final Charges charges;
    private final Store<CheckoutSession> sessions;
    private final Store<PaymentIntent> intents = new Store<>(PaymentIntent::id);

    /** @param sessions the Checkout Sessions, to refuse canceling the PaymentIntent of an open one */
    PaymentIntents(
            Resources resources, PaymentMethods paymentMethods, Charges charges, Store<CheckoutSession> sessions) {
        this.resources = resources;
        this.renderer = resources.renderer();
        this.paymentMethods = paymentMethods;
        this.charges = charges;
        this.sessions = sessions;
    }

    private static Set<String> with(List<String> common, String... own) {
        Set<String> all = new HashSet<>(common);
        all.addAll(List.of(own));
        return all;
    }

    /** The PaymentIntent, or {@code null}. */
    PaymentIntent get(String id) {
        return intents.get(id);
    }

    /** The PaymentIntent, or Stripe's 404 naming {@code param}. */
    PaymentIntent require(String id, String param) {
        return intents.require(id, "payment_intent", param);
    }

    ObjectNode create(Params p, RequestOrigin origin) {
        p.allowOnly(CREATE_PARAMS);
        long amount = p.requiredInteger("amount");
        String currency = Currencies.parse(p.requiredString("currency"), "currency");
        checkAmount(amount, currency);
        p.automaticCaptureOnly("capture_method");
        if ("manual".equals(p.oneOf("confirmation_method", Set.of("automatic", "manual")))) {
            throw StripeApiException.invalid(
                    "The Stripe sandbox does not implement manual confirmation.", "confirmation_method");
        }
        Params apm = p.object("automatic_payment_methods").allowOnly(Set.of("enabled", "allow_redirects"));
        List<String> types = p.cardOnly("payment_method_types");
        Boolean apmEnabled = apm.bool("enabled");
        if (Boolean.TRUE.equals(apmEnabled) && !types.isEmpty()) {
            throw StripeApiException.invalid(
                    "You may only specify one of these parameters: automatic_payment_methods, payment_method_types.",
                    "automatic_payment_methods");
        }
        PaymentMethod pm = paymentMethods.resolve(p.string("payment_method"), "payment_method");
        PaymentIntent pi = intents.add(new PaymentIntent(
                Ids.next("pi_"),
                resources.now(),
                amount,
                currency,
                types.isEmpty() && !Boolean.FALSE.equals(apmEnabled),
                null,
                new CheckoutSession.IntentData(
                        p.newMetadata("metadata"),
                        p.string("description"),
                        p.email("receipt_email"),
                        p.string("statement_descriptor"),
                        p.string("statement_descriptor_suffix"))));
        pi.usePaymentMethod(pm == null ? null : pm.id());
        if (Boolean.TRUE.equals(p.bool("confirm"))) {
            return confirm(pi, null, origin);
        }
        return renderer.paymentIntent(pi);
    }

    /** The session's PaymentIntent, made when the buyer first tries to pay, as Stripe does. */
    PaymentIntent forSession(CheckoutSession s) {
        PaymentIntent existing = intents.get(s.paymentIntentId());
        if (existing != null) {
            return existing;
        }
        PaymentIntent pi = intents.add(new PaymentIntent(
                Ids.next("pi_"),
                resources.now(),
                s.terms().amountTotal(),
                s.terms().currency(),
                false,
                s.id(),
                s.terms().intentData()));
        s.attachIntent(pi.id());
        return pi;
    }

    private static void checkAmount(long amount, String currency) {
        if (amount < 1) {
            throw StripeApiException.invalid("This value must be greater than or equal to 1.", "amount");
        }
        if (amount < Currencies.minimum(currency)) {
            throw StripeApiException.invalid(
                    "amount_too_small", "Amount must be at least " + Currencies.minimumMessage(currency), "amount");
        }
        if (amount > Currencies.MAX_AMOUNT) {
            throw StripeApiException.invalid(
                    "amount_too_large",
                    "Amount must be no more than " + Currencies.format(Currencies.MAX_AMOUNT, currency) + " "
                            + currency,
                    "amount");
        }
    }

    /** A client_secret must belong to the intent; Stripe checks it for publishable-key calls. */
    private static void checkClientSecret(PaymentIntent pi, Params p, boolean required) {
        String secret = p.string("client_secret");
        if (secret == null && !required) {
            return;
        }
        if (secret == null) {
            throw StripeApiException.missingParam("client_secret");
        }
        if (!secret.equals(pi.clientSecret())) {
            throw StripeApiException.invalid(
                    "The client_secret provided does not match the client_secret associated with the PaymentIntent.",
                    "client_secret");
        }
    }

    ObjectNode retrieve(String id, Params p, boolean publishableKey) {
        p.allowOnly(Set.of("expand", "client_secret"));
        PaymentIntent pi = require(id, "intent");
        checkClientSecret(pi, p, publishableKey);
        return renderer.paymentIntent(pi);
    }

    ObjectNode list(Params p) {
        p.allowOnly(ListPage.params("customer"));
        Predicate<Long> created = ListPage.createdFilter(p);
        Predicate<PaymentIntent> matches = pi -> created.test(pi.created());
        return ListPage.of(p, "/v1/payment_intents", "payment_intent", intents, matches, renderer::paymentIntent);
    }

    ObjectNode update(String id, Params p) {
        p.allowOnly(Set.of(
                "metadata",
                "receipt_email",
                "description",
                "amount",
                "payment_method",
                "expand",
                "statement_descriptor",
                "statement_descriptor_suffix"));
        PaymentIntent pi = require(id, "intent");
        if (!pi.status().confirmable() && (p.has("amount") || p.has("payment_method"))) {
            throw unexpectedState(pi, "update");
        }
        if (p.has("amount")) {
            long amount = p.requiredInteger("amount");
            checkAmount(amount, pi.currency());
            pi.changeAmount(amount);
        }
        if (p.has("payment_method")) {
            PaymentMethod pm = paymentMethods.resolve(p.string("payment_method"), "payment_method");
            pi.usePaymentMethod(pm == null ? null : pm.id());
        }
        if (p.has("metadata")) {
            // On update an empty value removes a key and an empty metadata removes them all.
            pi.updateMetadata(p.metadata("metadata"), "".equals(p.raw().get("metadata")));
        }
        if (p.has("receipt_email")) {
            pi.changeReceiptEmail(p.email("receipt_email"));
        }
        if (p.has("description")) {
            pi.changeDescription(p.string("description"));
        }
        if (p.has("statement_descriptor")) {
            pi.changeStatementDescriptor(p.string("statement_descriptor"));
        }
        if (p.has("statement_descriptor_suffix")) {
            pi.changeStatementDescriptorSuffix(p.string("statement_descriptor_suffix"));
        }
        return renderer.paymentIntent(pi);
    }

    ObjectNode confirm(String id, Params p, RequestOrigin origin, boolean publishableKey) {
        p.allowOnly(CONFIRM_PARAMS);
        PaymentIntent pi = require(id, "intent");
        checkClientSecret(pi, p, publishableKey);
        if (pi.madeByCheckout()) {
            throw StripeApiException.invalid(
                    "payment_intent_unexpected_state",
                    "This PaymentIntent was created by a Checkout Session and can only be confirmed there.",
                    null,
                    errorWithIntent(pi));
        }
        if (!pi.status().confirmable()) {
            throw unexpectedState(pi, "confirm");
        }
        PaymentMethod pm = p.has("payment_method_data")
                ? paymentMethods.fromCardData(p.object("payment_method_data"))
                : paymentMethods.resolve(p.string("payment_method"), "payment_method");
        if (p.has("receipt_email")) {
            pi.changeReceiptEmail(p.email("receipt_email"));
        }
        return confirm(pi, pm, origin);
    }

    private ObjectNode confirm(PaymentIntent pi, PaymentMethod given, RequestOrigin origin) {
        PaymentMethod pm = given != null ? given : paymentMethods.get(pi.paymentMethodId());
        if (pm == null) {
            throw StripeApiException.invalid(
                    "payment_intent_unexpected_state",
                    "You cannot confirm this PaymentIntent because it's missing a payment method. You can either"
                            + " update the PaymentIntent with a payment method and then confirm it again, or confirm"
                            + " it again directly with a payment method.",
                    null,
                    errorWithIntent(pi));
        }
        TestCards.Decline decline = pay(pi, pm, origin);
        if (decline != null) {
            ObjectNode extra = pi.lastPaymentError();
            extra.remove(List.of("code", "doc_url", "message", "type"));
            extra.set("payment_intent", renderer.paymentIntent(pi));
            throw StripeApiException.card(decline.code(), decline.message(), extra);
        }
        return renderer.paymentIntent(pi);
    }

    /**
     * Charges the card: a charge (succeeded or failed) is made either way, the intent moves to succeeded or back
     * to requires_payment_method with last_payment_error, and the matching event is raised. Returns the decline,
     * or null if it paid.
     */
    TestCards.Decline pay(PaymentIntent pi, PaymentMethod pm, RequestOrigin origin) {
        Charge c = charges.attempt(pi, pm);
        TestCards.Decline d = c.decline();
        if (d == null) {
            pi.succeed(c.id(), pm.id());
            resources.events().raise("payment_intent.succeeded", renderer.paymentIntent(pi), origin);
            return null;
        }
        ObjectNode error = Json.object();
        error.put("charge", c.id());
        error.put("code", d.code());
        error.put("decline_code", d.declineCode());
        error.put("doc_url", "https://stripe.com/docs/error-codes/" + d.code().replace('_', '-'));
        error.put("message", d.message());
        error.set("payment_method", renderer.paymentMethod(pm));
        error.put("payment_method_type", "card");
        error.put("type", "card_error");
        pi.fail(c.id(), error);
        resources.events().raise("payment_intent.payment_failed", renderer.paymentIntent(pi), origin);
        return d;
    }

    ObjectNode cancel(String id, Params p, RequestOrigin origin) {
        p.allowOnly(Set.of("cancellation_reason", "expand"));
        String reason =
                p.oneOf("cancellation_reason", Set.of("duplicate", "fraudulent", "requested_by_customer", "abandoned"));
        PaymentIntent pi = require(id, "intent");
        if (!pi.status().cancelable()) {
            throw unexpectedState(pi, "cancel");
        }
        CheckoutSession s = sessions.get(pi.checkoutSessionId());
        if (s != null && s.isOpen()) {
            throw StripeApiException.invalid(
                    "payment_intent_unexpected_state",
                    "You cannot cancel this PaymentIntent because it was created by Checkout. Expire the Checkout"
                            + " Session instead.",
                    null,
                    errorWithIntent(pi));
        }
        cancel(pi, reason, origin);
        return renderer.paymentIntent(pi);
    }

    /** Stripe cancels the PaymentIntent of a session that can no longer be paid, if it is not settled. */
    void abandon(PaymentIntent pi, RequestOrigin origin) {
        if (pi != null && pi.status().cancelable()) {
            cancel(pi, "abandoned", origin);
        }
    }

    private void cancel(PaymentIntent pi, String reason, RequestOrigin origin) {
        pi.cancel(resources.now(), reason);
        resources.events().raise("payment_intent.canceled", renderer.paymentIntent(pi), origin);
    }

    /** A delayed payment method starts settling: {@code payment_intent.processing}, as {@code stripe trigger}. */
    void startProcessing(PaymentIntent pi) {
        if (!pi.status().confirmable()) {
            throw new IllegalArgumentException("PaymentIntent " + pi.id() + " is "
                    + pi.status().wire() + "; only an unpaid one can start processing");
        }
        pi.startProcessing();
        resources.events().raise("payment_intent.processing", renderer.paymentIntent(pi), RequestOrigin.NONE);
    }

    private StripeApiException unexpectedState(PaymentIntent pi, String verb) {
        String verbed = verb.equals("cancel") ? "canceled" : verb.equals("confirm") ? "confirmed" : "updated";
        return StripeApiException.invalid(
                "payment_intent_unexpected_state",
                "You cannot " + verb + " this PaymentIntent because it has a status of "
                        + pi.status().wire()
                        + ". Only a PaymentIntent with one of the following statuses may be " + verbed + ": "
                        + PaymentIntentStatus.listOf(verb.equals("cancel")) + ".",
                null,
                errorWithIntent(pi));
    }

    private ObjectNode errorWithIntent(PaymentIntent pi) {
        ObjectNode extra = Json.object();
        extra.set("payment_intent", renderer.paymentIntent(pi));
        return extra;
    }
}
