package dev.ticketpay.ticket.catalog;

import java.time.Instant;

import dev.ticketpay.ticket.InvalidRequest;

/** An event to add to the catalog, checked on construction. */
public record NewEvent(String name, String venue, Instant startsAt, Integer capacity, Long price, String currency) {

    public NewEvent {
        require(name != null && !name.isBlank() && name.length() <= 200, "name is required (at most 200 characters).");
        require(venue != null && !venue.isBlank() && venue.length() <= 200,
                "venue is required (at most 200 characters).");
        require(startsAt != null, "starts_at is required (ISO-8601, e.g. 2026-12-31T19:00:00Z).");
        require(capacity != null && capacity > 0 && capacity <= 1_000_000, "capacity must be between 1 and 1000000.");
        require(price != null && price >= 0 && price <= 100_000_000, "price must be between 0 and 100000000.");
        require(currency != null && currency.matches("[a-z]{3}"),
                "currency must be a lower-case ISO 4217 code such as jpy.");
    }

    private static void require(boolean rule, String message) {
        if (!rule) {
            throw new InvalidRequest(message);
        }
    }
}
