/** The sandbox's Stripe API: form parsing, routing, idempotency, state and Stripe's JSON shapes; not a public API. */
package dev.ticketpay.sandbox.stripe.internal;
