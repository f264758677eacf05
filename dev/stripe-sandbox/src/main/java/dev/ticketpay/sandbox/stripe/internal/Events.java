package dev.ticketpay.sandbox.stripe.internal;

import dev.ticketpay.sandbox.stripe.SandboxClock;
import dev.ticketpay.sandbox.stripe.webhook.OutgoingEvent;
import dev.ticketpay.sandbox.stripe.webhook.WebhookDispatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import tools.jackson.databind.node.ObjectNode;

/**
 * Events: raised by the other resources as things happen, kept for {@code GET /v1/events}, and queued for the
 * webhook dispatcher, which gets them once the operation that raised them has released the lock.
 */
final class Events {

    private final SandboxClock clock;
    private final WebhookDispatcher webhooks;
    private final Renderer renderer;
    private final Store<Event> events = new Store<>(Event::id);
    private final List<OutgoingEvent> outbox = new ArrayList<>();

    Events(SandboxClock clock, WebhookDispatcher webhooks, Renderer renderer) {
        this.clock = clock;
        this.webhooks = webhooks;
        this.renderer = renderer;
    }

    /** Raises an event about {@code object} as it is now. */
    void raise(String type, ObjectNode object, RequestOrigin origin) {
        Event draft = new Event(
                Ids.next("evt_"),
                clock.epochSecond(),
                type,
                object,
                origin,
                new AtomicInteger(webhooks.endpoints().size()),
                null);
        Event event = events.add(draft.withPayload(Json.write(renderer.event(draft))));
        send(event);
    }

    /** The newest event, for answers about what was just raised. */
    ObjectNode latest() {
        return renderer.event(events.newestFirst().getFirst());
    }

    /**
     * Sends an event again to every endpoint, the same id and body with a new signature, as the Dashboard's
     * "Resend" does.
     */
    ObjectNode resend(String eventId) {
        Event event = events.get(eventId);
        if (event == null) {
            throw new IllegalArgumentException("no event " + eventId);
        }
        event.pendingWebhooks().set(webhooks.endpoints().size());
        send(event);
        return renderer.event(event);
    }

    private void send(Event event) {
        outbox.add(new OutgoingEvent(event.id(), event.type(), event.payload(), event.pendingWebhooks()));
    }

    /** Hands over the events raised since the last call, oldest first. */
    List<OutgoingEvent> drainOutbox() {
        List<OutgoingEvent> raised = List.copyOf(outbox);
        outbox.clear();
        return raised;
    }

    ObjectNode retrieve(String id, Params p) {
        p.allowOnly(Set.of("expand"));
        Event event = events.get(id);
        if (event == null) {
            throw StripeApiException.noSuch("event", id, "id");
        }
        return renderer.event(event);
    }

    ObjectNode list(Params p) {
        p.allowOnly(ListPage.params("type", "types", "delivery_success"));
        Predicate<String> type = typeFilter(p);
        Predicate<Long> created = ListPage.createdFilter(p);
        Boolean deliverySuccess = p.bool("delivery_success");
        Predicate<Event> matches = e -> type.test(e.type())
                && created.test(e.created())
                && (deliverySuccess == null
                        || deliverySuccess == (e.pendingWebhooks().get() == 0));
        return ListPage.of(p, "/v1/events", "event", events, matches, renderer::event);
    }

    /** {@code type} (with a trailing {@code *} wildcard) or {@code types[]}, not both. */
    private static Predicate<String> typeFilter(Params p) {
        String type = p.string("type");
        List<String> types = p.strings("types");
        if (type != null && !types.isEmpty()) {
            throw StripeApiException.invalid("You may only specify one of these parameters: type, types.", "type");
        }
        if (types.size() > 20) {
            throw StripeApiException.invalid("You may pass at most 20 types.", "types");
        }
        if (type != null && type.endsWith("*")) {
            String prefix = type.substring(0, type.length() - 1);
            return t -> t.startsWith(prefix);
        }
        if (type != null) {
            return type::equals;
        }
        return types.isEmpty() ? t -> true : types::contains;
    }
}
