package dev.ticketpay.ticket.reservation;

/** The ticket belongs to another user, who alone may verify or cancel it. */
public class NotYourTicket extends RuntimeException {

    private final long ticketId;

    NotYourTicket(long ticketId) {
        super("You do not have permission to perform this action.", null, false, false);
        this.ticketId = ticketId;
    }

    /** The ticket asked about; not in the message, which must not tell a stranger whose it is. */
    public long ticketId() {
        return ticketId;
    }
}
