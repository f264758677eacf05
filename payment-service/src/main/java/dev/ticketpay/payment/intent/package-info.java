/**
 * The PaymentIntent channel (payments API v1): a Stripe PaymentIntent per order, exactly one payment outcome per
 * order whatever order Stripe's news arrives in, cancelled with its reservation.
 */
package dev.ticketpay.payment.intent;
