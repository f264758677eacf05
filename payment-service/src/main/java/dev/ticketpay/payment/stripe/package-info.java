/** The one configured Stripe client and the rules every call to it follows: off the event loop, bounded retries, failures named. */
package dev.ticketpay.payment.stripe;
