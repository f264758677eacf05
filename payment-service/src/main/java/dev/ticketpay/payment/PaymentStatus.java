package dev.ticketpay.payment;

/**
 * Where a payment stands, in the same words for both channels (a Checkout Session of the classic API, a
 * PaymentIntent of the payments API v1), which are the payments API v1's own: {@code pending → processing →
 * succeeded | failed | cancelled}, {@code succeeded → refunded}. A pending payment whose Stripe object (session or
 * intent) is not recorded yet is one being created.
 */
public enum PaymentStatus {
    PENDING, PROCESSING, SUCCEEDED, FAILED, CANCELLED, REFUNDED;

    /** The API's and the columns' word for it. */
    public String value() {
        return name().toLowerCase();
    }

    public static PaymentStatus of(String value) {
        return valueOf(value.toUpperCase());
    }
}
