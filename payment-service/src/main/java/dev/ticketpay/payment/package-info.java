/** payment-service: Stripe Checkout Sessions and PaymentIntents, the Stripe webhook and the payments API v1. */
package dev.ticketpay.payment;
