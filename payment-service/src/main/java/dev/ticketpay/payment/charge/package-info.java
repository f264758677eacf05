/**
 * What happens to money once a payment took it, the same for both channels (Checkout Sessions and PaymentIntents):
 * refunds we ask for, refunds and disputes made outside the saga (Stripe's Dashboard, the buyer's bank).
 */
package dev.ticketpay.payment.charge;
