package dev.ticketpay.ticket.reservation;

/** No ticket has this id. */
public class TicketNotFound extends RuntimeException {

    public TicketNotFound(long ticketId) {
        super("Ticket " + ticketId + " not found.", null, false, false);
    }
}
