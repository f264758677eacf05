package dev.ticketpay.ticket.catalog;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ticketpay.ticket.InvalidRequest;

/** An event to add to the catalog, checked on construction. */
public record NewEvent(String name, String venue, Instant startsAt, Integer capacity, Long price, String currency) {

    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("3000-01-01T00:00:00Z");
    private static final String STARTS_AT_RULE = "starts_at is required (ISO-8601, e.g. 2026-12-31T19:00:00Z).";

    public NewEvent {
        require(isText(name), "name is required (at most 200 characters, no control characters).");
        require(isText(venue), "venue is required (at most 200 characters, no control characters).");
        require(startsAt != null, STARTS_AT_RULE);
        require(!startsAt.isBefore(EARLIEST) && startsAt.isBefore(LATEST),
                "starts_at must be between 2000-01-01 and 3000-01-01.");
        require(capacity != null && capacity > 0 && capacity <= 1_000_000, "capacity must be between 1 and 1000000.");
        require(price != null && price >= 0 && price <= 100_000_000, "price must be between 0 and 100000000.");
        require(currency != null && currency.matches("[a-z]{3}") && isIsoCurrency(currency),
                "currency must be a lower-case ISO 4217 code such as jpy.");
    }

    /** From a request body: {@code starts_at} must be an ISO-8601 string with an offset, never an epoch number. */
    @JsonCreator
    static NewEvent fromJson(@JsonProperty("name") String name, @JsonProperty("venue") String venue,
            @JsonProperty("starts_at") String startsAt, @JsonProperty("capacity") Integer capacity,
            @JsonProperty("price") Long price, @JsonProperty("currency") String currency) {
        return new NewEvent(name, venue, parseInstant(startsAt), capacity, price, currency);
    }

    private static Instant parseInstant(String text) {
        require(text != null, STARTS_AT_RULE);
        try {
            return OffsetDateTime.parse(text).toInstant();
        }
        catch (DateTimeParseException e) {
            throw new InvalidRequest(STARTS_AT_RULE);
        }
    }

    private static boolean isText(String value) {
        return value != null && !value.isBlank() && value.length() <= 200
                && value.chars().noneMatch(Character::isISOControl);
    }

    private static boolean isIsoCurrency(String code) {
        return Currency.getAvailableCurrencies().stream()
                .anyMatch(currency -> currency.getCurrencyCode().equals(code.toUpperCase(Locale.ROOT)));
    }

    private static void require(boolean rule, String message) {
        if (!rule) {
            throw new InvalidRequest(message);
        }
    }
}
