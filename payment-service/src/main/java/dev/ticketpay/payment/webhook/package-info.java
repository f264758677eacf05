/**
 * Stripe's news about payments: webhooks verified and stored once per event id, lost ones found again by listing
 * recent events, and every stored event processed from the store into its channel's outcome, or the shared one
 * of refunds and disputes.
 */
package dev.ticketpay.payment.webhook;
