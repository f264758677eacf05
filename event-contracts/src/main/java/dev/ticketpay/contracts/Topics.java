package dev.ticketpay.contracts;

/** Topic names, one per aggregate and versioned; every record is keyed by its ticket id. */
public final class Topics {

    public static final String TICKETS = "tickets.v1";
    public static final String PAYMENTS = "payments.v1";
    public static final String QR_CODES = "qr-codes.v1";

    /** Where a record lands after its consumer gave up retrying it. */
    public static String deadLetter(String topic) {
        return topic + ".dlt";
    }

    private Topics() {
    }
}
