/** The hosted checkout page a Checkout Session's url points to, where Stripe's test cards pay or decline. */
package dev.ticketpay.sandbox.stripe.checkout;
