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

    static final String NAME_RULE = "name is required (at most 200 characters, no control characters).";
    static final String VENUE_RULE = "venue is required (at most 200 characters, no control characters).";
    static final String STARTS_AT_RANGE = "starts_at must be between 2000-01-01 and 3000-01-01.";
    static final String CAPACITY_RULE = "capacity must be between 1 and 1000000.";
    static final String PRICE_RULE = "price must be between 0 and 100000000.";
    static final String CURRENCY_RULE = "currency must be a lower-case ISO 4217 code such as jpy.";

    public NewEvent {
        require(isText(name), NAME_RULE);
        require(isText(venue), VENUE_RULE);
        require(startsAt != null, STARTS_AT_RULE);
        require(isInRange(startsAt), STARTS_AT_RANGE);
        require(capacity != null && isCapacity(capacity), CAPACITY_RULE);
        require(price != null && isPrice(price), PRICE_RULE);
        require(currency != null && isCurrency(currency), CURRENCY_RULE);
    }

    /** From a request body: {@code starts_at} must be an ISO-8601 string with an offset, never an epoch number. */
    @JsonCreator
    static NewEvent fromJson(@JsonProperty("name") String name, @JsonProperty("venue") String venue,
            @JsonProperty("starts_at") String startsAt, @JsonProperty("capacity") Integer capacity,
            @JsonProperty("price") Long price, @JsonProperty("currency") String currency) {
        return new NewEvent(name, venue, parseInstant(startsAt), capacity, price, currency);
    }

    static Instant parseInstant(String text) {
        require(text != null, STARTS_AT_RULE);
        try {
            return OffsetDateTime.parse(text).toInstant();
        }
        catch (DateTimeParseException e) {
            throw new InvalidRequest(STARTS_AT_RULE);
        }
    }

    static boolean isText(String value) {
        return value != null && !value.isBlank() && value.length() <= 200
                && value.chars().noneMatch(Character::isISOControl);
    }

    static boolean isInRange(Instant startsAt) {
        return !startsAt.isBefore(EARLIEST) && startsAt.isBefore(LATEST);
    }

    static boolean isCapacity(int capacity) {
        return capacity > 0 && capacity <= 1_000_000;
    }

    static boolean isPrice(long price) {
        return price >= 0 && price <= 100_000_000;
    }

    static boolean isCurrency(String code) {
        return code.matches("[a-z]{3}") && Currency.getAvailableCurrencies().stream()
                .anyMatch(currency -> currency.getCurrencyCode().equals(code.toUpperCase(Locale.ROOT)));
    }

    static void require(boolean rule, String message) {
        if (!rule) {
            throw new InvalidRequest(message);
        }
    }
}
