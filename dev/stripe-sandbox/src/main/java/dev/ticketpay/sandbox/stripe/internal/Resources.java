package dev.ticketpay.sandbox.stripe.internal;

import dev.ticketpay.sandbox.stripe.SandboxClock;

/**
 * What every Stripe resource's service works with: the sandbox clock for timestamps, the renderer for Stripe's
 * JSON and the event log for the events a change raises.
 */
record Resources(SandboxClock clock, Renderer renderer, Events events) {

    /** Now in Unix seconds, the unit of Stripe's timestamps. */
    long now() {
        return clock.epochSecond();
    }
}
