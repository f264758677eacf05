package dev.ticketpay.ticket.catalog;

/** No event has this id. */
public class EventNotFound extends RuntimeException {

    public EventNotFound(long eventId) {
        super("Event " + eventId + " not found.", null, false, false);
    }
}
