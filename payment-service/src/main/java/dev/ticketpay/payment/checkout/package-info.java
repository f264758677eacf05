/**
 * The Checkout channel (classic purchase API): a Stripe Checkout Session per reserved ticket, expired on cancel or
 * expiry, and exactly one payment outcome per ticket whatever order Stripe's news arrives in.
 */
package dev.ticketpay.payment.checkout;
