package dev.ticketpay.sandbox.stripe.internal;

import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.node.ObjectNode;

/**
 * An event: its data object is a snapshot taken when it happened, and its webhook body is serialized once, so
 * every delivery and resend signs the same bytes.
 *
 * @param pendingWebhooks the live count behind {@code pending_webhooks}, lowered as endpoints acknowledge
 * @param payload the webhook body, {@code null} only while the event is being made
 */
record Event(
        String id,
        long created,
        String type,
        ObjectNode dataObject,
        RequestOrigin request,
        AtomicInteger pendingWebhooks,
        String payload) {

    Event withPayload(String body) {
        return new Event(id, created, type, dataObject, request, pendingWebhooks, body);
    }
}
