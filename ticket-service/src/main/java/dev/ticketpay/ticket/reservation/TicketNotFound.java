package dev.ticketpay.ticket.reservation;

import dev.ticketpay.web.ApiException;
import org.springframework.http.HttpStatus;

/** No ticket has this id. */
public class TicketNotFound extends ApiException {

    public TicketNotFound(long id) {
        super(HttpStatus.NOT_FOUND, "Ticket " + id + " not found.");
    }
}
