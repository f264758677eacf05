package dev.ticketpay.payment.webhook;

import java.time.Instant;

import tools.jackson.databind.JsonNode;

/** A Stripe event as stored: its id, type, Stripe's JSON and when we received it (null if unknown). */
record StoredEvent(String id, String type, JsonNode payload, Instant receivedAt) {

    StoredEvent(String id, String type, JsonNode payload) {
        this(id, type, payload, null);
    }

    /** The object the event is about ({@code data.object}). */
    JsonNode object() {
        return payload.path("data").path("object");
    }

    /** When Stripe created the event (its clock); null if the payload does not say. */
    Instant created() {
        long seconds = payload.path("created").asLong(0);
        return seconds > 0 ? Instant.ofEpochSecond(seconds) : null;
    }
}
