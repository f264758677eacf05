/**
 * Signs events with Stripe's scheme and delivers them to the configured endpoints with retries and injectable
 * faults.
 */
package dev.ticketpay.sandbox.stripe.webhook;
