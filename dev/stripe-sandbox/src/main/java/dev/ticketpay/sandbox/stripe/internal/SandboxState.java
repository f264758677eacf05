package dev.ticketpay.sandbox.stripe.internal;

import dev.ticketpay.sandbox.stripe.SandboxClock;
import dev.ticketpay.sandbox.stripe.webhook.OutgoingEvent;
import dev.ticketpay.sandbox.stripe.webhook.WebhookDispatcher;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import tools.jackson.databind.node.ObjectNode;

/**
 * Wires the Stripe resources together and guards them with one lock. Operations are pure in-memory work of
 * microseconds, so a single lock is simpler than finer ones and still never holds an event-loop thread noticeably.
 * Events raised during an operation are handed to the webhook dispatcher after the lock is released, in the order
 * they happened. The public methods are what the control API, the hosted page and {@code StripeSandbox} need; the
 * API router reaches the resources directly.
 */
public final class SandboxState {

    private final ReentrantLock lock = new ReentrantLock();
    private final WebhookDispatcher webhooks;
    private final Events events;
    final CheckoutSessions sessions;
    final PaymentIntents intents;
    final PaymentMethods paymentMethods;
    final Charges charges;
    final Refunds refunds;
    final Disputes disputes;
    private final Triggers triggers;
    private final Expansion expansion;
    private final Renderer renderer;
    private final Store<Refund> refundStore;
    private final Store<CheckoutSession> sessionStore;

    public SandboxState(SandboxClock clock, WebhookDispatcher webhooks, String publicBaseUrl) {
        this.webhooks = webhooks;
        Store<Refund> refundStore = new Store<>(Refund::id);
        Store<CheckoutSession> sessionStore = new Store<>(CheckoutSession::id);
        Renderer renderer = new Renderer(publicBaseUrl, refundStore::get);
        this.events = new Events(clock, webhooks, renderer);
        Resources resources = new Resources(clock, renderer, events);
        this.paymentMethods = new PaymentMethods(resources);
        this.charges = new Charges(resources);
        this.intents = new PaymentIntents(resources, paymentMethods, charges, sessionStore);
        this.sessions = new CheckoutSessions(resources, intents, paymentMethods, sessionStore);
        this.refunds = new Refunds(resources, charges, intents, refundStore);
        this.disputes = new Disputes(resources, charges, intents);
        this.triggers = new Triggers(this);
        this.renderer = renderer;
        this.refundStore = refundStore;
        this.sessionStore = sessionStore;
        this.expansion = new Expansion(this::renderById, id -> renderer.lineItems(sessionStore.get(id)));
    }

    /** The object an id names, as {@code expand} puts it in place of the id; {@code null} if there is none. */
    private ObjectNode renderById(String id) {
        if (id.startsWith("pi_") && intents.get(id) != null) {
            return renderer.paymentIntent(intents.get(id));
        }
        if (id.startsWith("ch_") && charges.get(id) != null) {
            return renderer.charge(charges.get(id));
        }
        if (id.startsWith("pm_") && paymentMethods.get(id) != null) {
            return renderer.paymentMethod(paymentMethods.get(id));
        }
        if (id.startsWith("re_") && refundStore.get(id) != null) {
            return renderer.refund(refundStore.get(id));
        }
        if (id.startsWith("cs_") && sessionStore.get(id) != null) {
            return renderer.session(sessionStore.get(id));
        }
        return null;
    }

    /** Runs an operation under the lock, then sends the events it raised. */
    public <T> T locked(Supplier<T> operation) {
        List<OutgoingEvent> raised;
        lock.lock();
        try {
            return operation.get();
        } finally {
            raised = events.drainOutbox();
            lock.unlock();
            raised.forEach(webhooks::dispatch);
        }
    }

    Events events() {
        return events;
    }

    /** Replaces ids by the objects they name, for Stripe's {@code expand[]=a.b} paths. */
    public ObjectNode expand(ObjectNode node, List<String> paths) {
        return paths.isEmpty() ? node : locked(() -> expansion.expand(node, paths));
    }

    /** Expires every open session past its expires_at; run by the sweeper and on clock advances. */
    public void sweepExpired() {
        locked(() -> {
            sessions.expireAllDue();
            return null;
        });
    }

    /** What the hosted page shows of a session, or {@code null} if there is none. */
    public CheckoutView checkoutView(String sessionId) {
        return locked(() -> sessions.view(sessionId));
    }

    /** Pays a session with a card number typed on the hosted page. */
    public PayResult payCheckoutSession(String sessionId, String cardNumber, String email) {
        return locked(() -> sessions.payOnPage(sessionId, cardNumber, email));
    }

    /** The events {@link #trigger} raises on demand, like {@code stripe trigger}. */
    public static List<String> triggers() {
        return Triggers.TYPES;
    }

    /** Raises {@code type} for an object, or for a fresh one when {@code objectId} is null; answers the event. */
    public ObjectNode trigger(String type, String objectId) {
        return locked(() -> triggers.trigger(type, objectId));
    }

    /** Sends an event again to every endpoint (same id and body); answers the event. */
    public ObjectNode resend(String eventId) {
        return locked(() -> events.resend(eventId));
    }

    /** The buyer's bank disputes a succeeded charge (by its id or its PaymentIntent's); answers the dispute. */
    public ObjectNode openDispute(String chargeOrIntentId, String reason) {
        return locked(() -> disputes.open(chargeOrIntentId, reason));
    }

    /** The bank decides a dispute, {@code won} or {@code lost}; answers the dispute. */
    public ObjectNode closeDispute(String disputeId, String status) {
        return locked(() -> disputes.close(disputeId, status));
    }
}
