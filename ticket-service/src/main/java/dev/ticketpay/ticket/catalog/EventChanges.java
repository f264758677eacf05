package dev.ticketpay.ticket.catalog;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import static dev.ticketpay.ticket.catalog.NewEvent.require;

/**
 * What an admin changes on an event ({@code PATCH /api/events/{id}}): only the fields sent, each checked by the
 * rules of a new event. A new price or currency applies to purchases from now on; tickets already reserved or
 * sold keep what they cost. A new capacity moves the seats on sale by the difference.
 */
public record EventChanges(String name, String venue, Instant startsAt, Integer capacity, Long price,
        String currency) {

    public EventChanges {
        require(name == null || NewEvent.isText(name), NewEvent.NAME_RULE);
        require(venue == null || NewEvent.isText(venue), NewEvent.VENUE_RULE);
        require(startsAt == null || NewEvent.isInRange(startsAt), NewEvent.STARTS_AT_RANGE);
        require(capacity == null || NewEvent.isCapacity(capacity), NewEvent.CAPACITY_RULE);
        require(price == null || NewEvent.isPrice(price), NewEvent.PRICE_RULE);
        require(currency == null || NewEvent.isCurrency(currency), NewEvent.CURRENCY_RULE);
        require(name != null || venue != null || startsAt != null || capacity != null || price != null
                || currency != null, "Send at least one of name, venue, starts_at, capacity, price, currency.");
    }

    @JsonCreator
    static EventChanges fromJson(@JsonProperty("name") String name, @JsonProperty("venue") String venue,
            @JsonProperty("starts_at") String startsAt, @JsonProperty("capacity") Integer capacity,
            @JsonProperty("price") Long price, @JsonProperty("currency") String currency) {
        return new EventChanges(name, venue, startsAt == null ? null : NewEvent.parseInstant(startsAt), capacity,
                price, currency);
    }
}
