package dev.ticketpay.ticket;

/** The request broke a rule of the API; the message names the rule, and {@link #field()} the field, if one. */
public class InvalidRequest extends RuntimeException {

    private final String field;

    public InvalidRequest(String message) {
        this(null, message);
    }

    public InvalidRequest(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    /** The request field at fault, or null. */
    public String field() {
        return field;
    }
}
