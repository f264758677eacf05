package dev.ticketpay.ticket.reservation;

/**
 * The ticket is not in a state that allows this; the message names the ticket, the state it is in and what was
 * asked of it. Thrown inside a Kafka listener it fails the delivery like any other exception that is not poison:
 * the record is retried.
 */
public class WrongTicketState extends RuntimeException {

    private final TicketStatus status;

    WrongTicketState(long ticketId, TicketStatus status, String action) {
        super("Ticket " + ticketId + " is already " + status.value() + " and cannot be " + action + ".", null, false,
                false);
        this.status = status;
    }

    /** The state the ticket is in. */
    public TicketStatus status() {
        return status;
    }
}
