/**
 * The one configured Stripe client and the rules every call to it follows: a turn under Stripe's rate limits, off the
 * event loop, bounded retries (a 429 only pauses), failures named.
 */
package dev.ticketpay.payment.stripe;
