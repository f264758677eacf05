package dev.ticketpay.ticket.reservation;

/** No ticket has this id. */
public class TicketNotFound extends RuntimeException {

    private final long ticketId;

    public TicketNotFound(long ticketId) {
        super("Ticket " + ticketId + " not found.", null, false, false);
        this.ticketId = ticketId;
    }

    public long ticketId() {
        return ticketId;
    }
}
