/**
 * payment-service: Stripe Checkout Sessions and PaymentIntents, the Stripe webhook and the payments API v1; here the
 * words every payment's status uses and the loop its background workers share.
 */
package dev.ticketpay.payment;
