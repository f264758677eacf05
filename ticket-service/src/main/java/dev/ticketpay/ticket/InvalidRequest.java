package dev.ticketpay.ticket;

import dev.ticketpay.web.ApiException;
import org.springframework.http.HttpStatus;

/** The request broke a rule of the API; the message names the field and the rule. */
public class InvalidRequest extends ApiException {

    public InvalidRequest(String message) {
        super(HttpStatus.BAD_REQUEST, message);
    }

    public InvalidRequest(String field, String message) {
        super(HttpStatus.BAD_REQUEST, message, field);
    }
}
