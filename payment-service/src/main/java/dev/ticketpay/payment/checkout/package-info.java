/**
 * payment-service's side of the ticket saga: a Stripe Checkout Session per reserved ticket, expired on cancel or
 * expiry, refunded on request, and exactly one payment outcome per ticket whatever order Stripe's news arrives in.
 */
package dev.ticketpay.payment.checkout;
