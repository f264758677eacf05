package dev.ticketpay.sandbox.stripe.webhook;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An event ready to go out. Its payload is serialized once, so every attempt (and every
 * duplicate) signs exactly the same bytes, as Stripe does.
 */
public final class OutgoingEvent {

    private final String id;
    private final String type;
    private final String payload;
    private final AtomicInteger pendingWebhooks;
    private final Set<String> acknowledgedBy = ConcurrentHashMap.newKeySet();

    /**
     * @param id the {@code evt_…} id
     * @param type the event type
     * @param payload the JSON body
     * @param pendingWebhooks the live counter behind the event's {@code pending_webhooks}
     */
    public OutgoingEvent(String id, String type, String payload, AtomicInteger pendingWebhooks) {
        this.id = id;
        this.type = type;
        this.payload = payload;
        this.pendingWebhooks = pendingWebhooks;
    }

    public String id() {
        return id;
    }

    public String type() {
        return type;
    }

    public String payload() {
        return payload;
    }

    /** Counts an endpoint's 2xx once, even when a duplicated delivery is acknowledged twice. */
    void acknowledge(String endpoint) {
        if (acknowledgedBy.add(endpoint)) {
            pendingWebhooks.updateAndGet(n -> Math.max(0, n - 1));
        }
    }
}
