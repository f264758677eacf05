package dev.ticketpay.sandbox.stripe.internal;

/**
 * The API request that caused a change, written into the {@code request} field of the events it raises; {@link
 * #NONE} for changes made by the sandbox itself (expiry sweeps, the hosted page, triggers).
 */
public record RequestOrigin(String requestId, String idempotencyKey) {

    public static final RequestOrigin NONE = new RequestOrigin(null, null);
}
