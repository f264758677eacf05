package dev.ticketpay.sandbox.stripe.internal;

/** A Checkout Session's {@code status}: open until paid ({@code complete}) or past its {@code expires_at}. */
public enum SessionStatus implements WireValue {
    OPEN,
    COMPLETE,
    EXPIRED
}
