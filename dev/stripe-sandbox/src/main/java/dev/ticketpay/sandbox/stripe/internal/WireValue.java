package dev.ticketpay.sandbox.stripe.internal;

import java.util.Locale;

/**
 * A state enum whose Stripe JSON value is its constant's name in lower case ({@code REQUIRES_ACTION} →
 * {@code requires_action}).
 */
interface WireValue {

    String name();

    /** The value Stripe writes in the object's JSON. */
    default String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
