package dev.ticketpay.sandbox.stripe.internal;

import java.util.Set;
import java.util.function.Predicate;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checkout Sessions and their rules: created open, paid on the hosted page (or by a delayed payment), expired by
 * the API or once past {@code expires_at}, each change with the events Stripe raises.
 */
final class CheckoutSessions {

    private final Resources resources;
    private final Renderer renderer;
    private final Events events;
    private final PaymentIntents intents;
    private final PaymentMethods paymentMethods;
    private final Store<CheckoutSession> sessions;

    CheckoutSessions(
            Resources resources,
            PaymentIntents intents,
            PaymentMethods paymentMethods,
            Store<CheckoutSession> sessions) {
        this.resources = resources;
        this.renderer = resources.renderer();
        this.events = resources.events();
        this.intents = intents;
        this.paymentMethods = paymentMethods;
        this.sessions = sessions;
    }

    ObjectNode create(Params p) {
        String id = Ids.checkoutSession();
        long created = resources.now();
        CheckoutSession s =
                sessions.add(new CheckoutSession(id, created, CheckoutSessionRequest.terms(p, id, created)));
        return renderer.session(s);
    }

    /** The session, expired first if its time has come; Stripe's 404 naming {@code param} if there is none. */
    CheckoutSession require(String id, String param) {
        CheckoutSession s = sessions.get(id);
        if (s == null) {
            throw StripeApiException.noSuch("checkout.session", id, param);
        }
        expireIfDue(s);
        return s;
    }

    ObjectNode retrieve(String id, Params p) {
        p.allowOnly(Set.of("expand"));
        return renderer.session(require(id, "session"));
    }

    ObjectNode lineItems(String id, Params p) {
        p.allowOnly(Set.of("expand", "limit", "starting_after", "ending_before"));
        return renderer.lineItems(require(id, "session"));
    }

    ObjectNode list(Params p) {
        p.allowOnly(ListPage.params("payment_intent", "status", "customer_details"));
        String paymentIntent = p.string("payment_intent");
        String status = p.oneOf("status", Set.of("open", "complete", "expired"));
        Predicate<Long> created = ListPage.createdFilter(p);
        // in the order the list shows them, as the loop over Stripe's list would expire them
        sessions.newestFirst().forEach(this::expireIfDue);
        Predicate<CheckoutSession> matches = s -> (paymentIntent == null || paymentIntent.equals(s.paymentIntentId()))
                && (status == null || status.equals(s.status().wire()))
                && created.test(s.created());
        return ListPage.of(p, "/v1/checkout/sessions", "checkout.session", sessions, matches, renderer::session);
    }

    ObjectNode expire(String id, Params p, RequestOrigin origin) {
        p.allowOnly(Set.of("expand"));
        CheckoutSession s = require(id, "session");
        if (!s.isOpen()) {
            throw StripeApiException.invalid(
                    "Only Checkout Sessions with a status in [\"open\"] can be expired. This session has a status of \""
                            + s.status().wire() + "\".",
                    null);
        }
        expire(s, origin);
        return renderer.session(s);
    }

    /** Sessions past expires_at expire when looked at, even between two sweeps. */
    private void expireIfDue(CheckoutSession s) {
        if (s.isDue(resources.now())) {
            expire(s, RequestOrigin.NONE);
        }
    }

    private void expire(CheckoutSession s, RequestOrigin origin) {
        s.expire();
        intents.abandon(intents.get(s.paymentIntentId()), origin);
        events.raise("checkout.session.expired", renderer.session(s), origin);
    }

    /** Expires every open session past its expires_at. */
    void expireAllDue() {
        sessions.all().forEach(this::expireIfDue);
    }

    /** What the hosted page shows, or {@code null} for an unknown session. */
    CheckoutView view(String id) {
        CheckoutSession s = sessions.get(id);
        if (s == null) {
            return null;
        }
        expireIfDue(s);
        return CheckoutView.of(s);
    }

    /** Pays a session with a typed card number, as the hosted page's form does. */
    PayResult payOnPage(String id, String cardNumber, String email) {
        CheckoutSession s = sessions.get(id);
        if (s == null) {
            return new PayResult(PayResult.Outcome.NOT_FOUND, null, null);
        }
        expireIfDue(s);
        if (s.status() == SessionStatus.EXPIRED) {
            return new PayResult(PayResult.Outcome.EXPIRED, CheckoutView.of(s), null);
        }
        if (s.status() == SessionStatus.COMPLETE) {
            return new PayResult(PayResult.Outcome.ALREADY_COMPLETE, CheckoutView.of(s), null);
        }
        var card = TestCards.forNumber(cardNumber);
        if (card.isEmpty()) {
            return new PayResult(PayResult.Outcome.INVALID_NUMBER, CheckoutView.of(s), null);
        }
        String payerEmail = s.terms().customerEmail() != null ? s.terms().customerEmail() : blankToNull(email);
        PaymentIntent pi = intents.forSession(s);
        TestCards.Decline decline = intents.pay(pi, paymentMethods.create(card.get(), payerEmail), RequestOrigin.NONE);
        if (decline != null) {
            return new PayResult(PayResult.Outcome.DECLINED, CheckoutView.of(s), decline);
        }
        s.completePaid(payerEmail);
        events.raise("checkout.session.completed", renderer.session(s), RequestOrigin.NONE);
        return new PayResult(PayResult.Outcome.PAID, CheckoutView.of(s), null);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /**
     * A delayed payment method (bank debit, konbini…) settles: the session completes unpaid, then its payment
     * succeeds or fails, each with its event, as Stripe raises them.
     */
    void settleDelayedPayment(CheckoutSession s, boolean succeeds) {
        if (!s.isOpen()) {
            throw new IllegalArgumentException(
                    "Checkout Session " + s.id() + " is " + s.status().wire() + ", not open");
        }
        PaymentIntent pi = intents.forSession(s);
        s.completeUnpaid();
        events.raise("checkout.session.completed", renderer.session(s), RequestOrigin.NONE);
        var card = TestCards.forPaymentMethod(succeeds ? "pm_card_visa" : "pm_card_chargeDeclined")
                .orElseThrow();
        if (intents.pay(pi, paymentMethods.create(card, s.terms().customerEmail()), RequestOrigin.NONE) == null) {
            s.markPaid();
            events.raise("checkout.session.async_payment_succeeded", renderer.session(s), RequestOrigin.NONE);
        } else {
            events.raise("checkout.session.async_payment_failed", renderer.session(s), RequestOrigin.NONE);
        }
    }
}
