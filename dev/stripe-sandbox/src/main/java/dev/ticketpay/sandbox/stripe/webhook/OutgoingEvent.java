package dev.ticketpay.sandbox.stripe.webhook;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An event ready to go out. Its payload is serialized once, so every attempt (and every duplicate) signs exactly
 * the same bytes, as Stripe does.
 *
 * @param id the {@code evt_…} id
 * @param type the event type
 * @param payload the JSON body
 * @param pendingWebhooks the live counter behind the event's {@code pending_webhooks}
 * @param acknowledgedBy the endpoints that answered 2xx to this sending
 */
public record OutgoingEvent(
        String id, String type, String payload, AtomicInteger pendingWebhooks, Set<String> acknowledgedBy) {

    /** A new sending of an event: no endpoint has acknowledged it yet. */
    public OutgoingEvent(String id, String type, String payload, AtomicInteger pendingWebhooks) {
        this(id, type, payload, pendingWebhooks, ConcurrentHashMap.newKeySet());
    }

    /** Counts an endpoint's 2xx once, even when a duplicated delivery is acknowledged twice. */
    void acknowledge(String endpoint) {
        if (acknowledgedBy.add(endpoint)) {
            pendingWebhooks.updateAndGet(n -> Math.max(0, n - 1));
        }
    }
}
