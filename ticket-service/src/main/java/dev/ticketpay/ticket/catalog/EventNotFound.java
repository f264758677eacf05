package dev.ticketpay.ticket.catalog;

import dev.ticketpay.web.ApiException;
import org.springframework.http.HttpStatus;

/** No event has this id. */
public class EventNotFound extends ApiException {

    public EventNotFound(long id) {
        super(HttpStatus.NOT_FOUND, "Event " + id + " not found.");
    }
}
