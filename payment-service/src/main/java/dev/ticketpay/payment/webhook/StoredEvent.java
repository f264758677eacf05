package dev.ticketpay.payment.webhook;

import tools.jackson.databind.JsonNode;

/** A Stripe event as stored: its id, type and Stripe's JSON. */
record StoredEvent(String id, String type, JsonNode payload) {

    /** The object the event is about ({@code data.object}). */
    JsonNode object() {
        return payload.path("data").path("object");
    }
}
