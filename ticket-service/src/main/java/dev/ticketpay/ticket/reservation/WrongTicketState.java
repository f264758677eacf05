package dev.ticketpay.ticket.reservation;

/**
 * The ticket is not in a state that allows this; the message names the state it is in. Thrown inside a Kafka
 * listener it fails the delivery like any other exception that is not poison: the record is retried.
 */
public class WrongTicketState extends RuntimeException {

    private final long ticketId;
    private final TicketStatus status;
    private final String action;

    WrongTicketState(long ticketId, TicketStatus status, String action) {
        super("Ticket " + ticketId + " is already " + status.value() + " and cannot be " + action + ".", null, false,
                false);
        this.ticketId = ticketId;
        this.status = status;
        this.action = action;
    }

    public long ticketId() {
        return ticketId;
    }

    /** The state the ticket is in. */
    public TicketStatus status() {
        return status;
    }

    /** What was asked of it, as the past participle the message uses ("cancelled", "refunded"). */
    public String action() {
        return action;
    }
}
