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
    private final Duration sharedFor;

    public ApiException(HttpStatus status, String message) {
        this(status, message, null);
    }

    public ApiException(HttpStatus status, String message, String field) {
        this(status, message, field, null);
    }

    /** {@code retryAfter}: when the client may try again, or null; answered in whole seconds, at least one. */
    public ApiException(HttpStatus status, String message, String field, Duration retryAfter) {
        this(status, message, field, retryAfter, null);
    }

    /**
     * {@code sharedFor}: how long this same answer holds for every caller who sends the same request, or null;
     * see {@link SharedAnswer}.
     */
    public ApiException(HttpStatus status, String message, String field, Duration retryAfter, Duration sharedFor) {
        super(message, null, false, false);
        this.status = status;
        this.field = field;
        this.retryAfter = retryAfter;
        this.sharedFor = sharedFor;
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

    /** How long this answer holds for any caller sending the same request ({@link SharedAnswer}), or null. */
    public Duration sharedFor() {
        return sharedFor;
    }

    /** A wait as {@code Retry-After} counts it: whole seconds, rounded up, at least one. */
    public static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }
}
