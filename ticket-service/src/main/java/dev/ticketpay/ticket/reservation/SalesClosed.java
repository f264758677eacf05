package dev.ticketpay.ticket.reservation;

import java.time.Instant;

/** The event has started: its tickets are no longer sold, whatever seats are left. */
public class SalesClosed extends RuntimeException {

    SalesClosed(long eventId, Instant startsAt) {
        super("Ticket sales for event " + eventId + " closed when it started at " + startsAt + ".", null, false, false);
    }
}
