package dev.ticketpay.web;

import java.time.Duration;

import org.springframework.http.HttpStatus;

/**
 * A failure that is the client's to know about: it carries its HTTP status, a message for the client and,
 * where one field of the request is at fault, that field's name. A failure the client may simply repeat later
 * (a 503) can say when, as the answer's {@code Retry-After}.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String field;
    private final Duration retryAfter;

    public ApiException(HttpStatus status, String message) {
        this(status, message, null);
    }

    public ApiException(HttpStatus status, String message, String field) {
        this(status, message, field, null);
    }

    /** {@code retryAfter}: when the client may try again, or null; answered in whole seconds, at least one. */
    public ApiException(HttpStatus status, String message, String field, Duration retryAfter) {
        super(message, null, false, false);
        this.status = status;
        this.field = field;
        this.retryAfter = retryAfter;
    }

    public HttpStatus status() {
        return status;
    }

    /** The request field at fault, or null. */
    public String field() {
        return field;
    }

    /** When the client may try again, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** A wait as {@code Retry-After} counts it: whole seconds, rounded up, at least one. */
    public static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }
}
