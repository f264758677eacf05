package dev.ticketpay.ticket.catalog;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Something tickets are sold for: what the API calls an event (its paths, JSON and table keep that name; in code it
 * is a show, so that "event" means only the messages on Kafka). {@code price} is per ticket in the currency's minor
 * unit (0 means free); {@code available} is the seats still on sale.
 */
@Schema(name = "Event")
public record Show(long id, String name, String venue, Instant startsAt, int capacity, int available, long price,
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
