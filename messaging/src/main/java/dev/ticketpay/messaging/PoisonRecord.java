package dev.ticketpay.messaging;

/**
 * A consumed record that no retry can ever fix: it goes to {@code <topic>.dlt} at once, with its {@link Reason}
 * in the {@value #REASON_HEADER} header. Everything else a listener throws is taken as transient and retried
 * until it succeeds (see {@link DeliveryFailures}).
 */
public final class PoisonRecord extends RuntimeException {

    /** Header of a dead letter that says why it is one. */
    public static final String REASON_HEADER = "ticketpay_dlt-reason";

    /** Why a record is poison. */
    public enum Reason {
        /** No CloudEvent: headers missing or malformed. */
        UNREADABLE("unreadable"),
        /** A known type whose body does not match its schema. */
        SCHEMA_MISMATCH("schema_mismatch"),
        /** A type (or a version of one) this build does not know. */
        UNKNOWN_TYPE("unknown_type");

        private final String value;

        Reason(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }
    }

    private final Reason reason;

    PoisonRecord(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
