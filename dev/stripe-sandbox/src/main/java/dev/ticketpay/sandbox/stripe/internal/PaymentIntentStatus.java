package dev.ticketpay.sandbox.stripe.internal;

import java.util.Arrays;
import java.util.stream.Collectors;

/** A PaymentIntent's {@code status}, and which of them Stripe lets a client confirm or cancel. */
enum PaymentIntentStatus implements WireValue {
    CANCELED,
    PROCESSING,
    REQUIRES_ACTION,
    REQUIRES_CAPTURE,
    REQUIRES_CONFIRMATION,
    REQUIRES_PAYMENT_METHOD,
    SUCCEEDED;

    /** Still waiting for a card: the states {@code confirm} and an update of the amount or card accept. */
    boolean confirmable() {
        return this == REQUIRES_PAYMENT_METHOD || this == REQUIRES_CONFIRMATION || this == REQUIRES_ACTION;
    }

    /** Not settled yet: the states {@code cancel} accepts. */
    boolean cancelable() {
        return confirmable() || this == REQUIRES_CAPTURE || this == PROCESSING;
    }

    /** Stripe's list in its "only a PaymentIntent with one of the following statuses" message, sorted. */
    static String listOf(boolean cancel) {
        return Arrays.stream(values())
                .filter(s -> cancel ? s.cancelable() : s.confirmable())
                .map(PaymentIntentStatus::wire)
                .sorted()
                .collect(Collectors.joining(", "));
    }
}
