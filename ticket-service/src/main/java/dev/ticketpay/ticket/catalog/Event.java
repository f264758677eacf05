package dev.ticketpay.ticket.catalog;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * Something tickets are sold for. {@code price} is per ticket in the currency's minor unit (0 means
 * free); {@code available} is the seats still on sale.
 */
public record Event(long id, String name, String venue, Instant startsAt, int capacity, int available, long price,
        String currency) {

    @JsonIgnore // a fact derived from price, not a field of the API's event
    public boolean isFree() {
        return price == 0;
    }

    /** What {@code quantity} tickets cost, in minor units; refuses amounts that would overflow. */
    public long priceOf(int quantity) {
        return Math.multiplyExact(price, (long) quantity);
    }
}
