package dev.ticketpay.ticket.catalog;

/** No event has this id. */
public class EventNotFound extends RuntimeException {

    private final long eventId;

    public EventNotFound(long eventId) {
        super("Event " + eventId + " not found.", null, false, false);
        this.eventId = eventId;
    }

    public long eventId() {
        return eventId;
    }
}
