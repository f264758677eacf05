package dev.ticketpay.messaging.web;

import org.springframework.http.HttpStatus;

/**
 * A failure that is the client's to know about: it carries its HTTP status, a message for the client and,
 * where one field of the request is at fault, that field's name.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String field;

    public ApiException(HttpStatus status, String message) {
        this(status, message, null);
    }

    public ApiException(HttpStatus status, String message, String field) {
        super(message, null, false, false);
        this.status = status;
        this.field = field;
    }

    public HttpStatus status() {
        return status;
    }

    /** The request field at fault, or null. */
    public String field() {
        return field;
    }
}
