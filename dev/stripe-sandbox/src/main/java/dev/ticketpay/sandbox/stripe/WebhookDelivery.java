package dev.ticketpay.sandbox.stripe;

import java.time.Instant;

/**
 * One attempt to deliver one event to one endpoint, as the delivery log records it.
 *
 * @param eventId the event's {@code evt_…} id
 * @param eventType e.g. {@code checkout.session.completed}
 * @param endpoint the URL posted to
 * @param attempt 1 for the first try, 2 for the first retry, …
 * @param attemptedAt real time of the attempt
 * @param status HTTP status the endpoint answered, 0 if it did not answer
 * @param error why the attempt failed without a status (timeout, connection refused), else {@code null}
 * @param succeeded whether the endpoint answered 2xx
 */
public record WebhookDelivery(
        String eventId,
        String eventType,
        String endpoint,
        int attempt,
        Instant attemptedAt,
        int status,
        String error,
        boolean succeeded) {}
