package dev.ticketpay.ticket.reservation;

import dev.ticketpay.web.ApiException;
import org.springframework.http.HttpStatus;

/** The ticket is not in a state that allows this; the message names the state it is in. */
public class WrongTicketState extends ApiException {

    WrongTicketState(long id, TicketStatus status, String action) {
        super(HttpStatus.BAD_REQUEST, "Ticket " + id + " is already " + status.value() + " and cannot be " + action + ".");
    }
}
