/**
 * Public API of the offline Stripe sandbox: start it, point stripe-java's apiBase at it, steer time, faults and
 * webhooks.
 */
package dev.ticketpay.sandbox.stripe;
