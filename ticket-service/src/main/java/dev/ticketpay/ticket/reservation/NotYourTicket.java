package dev.ticketpay.ticket.reservation;

/** The ticket belongs to another user, who alone may verify or cancel it. */
public class NotYourTicket extends RuntimeException {

    NotYourTicket(long ticketId) {
        super("You do not have permission to perform this action.", null, false, false);
    }
}
