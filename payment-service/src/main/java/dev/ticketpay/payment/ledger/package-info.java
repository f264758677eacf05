/**
 * The money ledger: every succeeded Stripe charge must end as exactly one of a paid ticket with its QR code or a
 * full refund. A reconciliation compares Stripe, this service's payments and ticket-service's tickets, repairs
 * what the existing idempotent paths can repair and reports the rest.
 */
package dev.ticketpay.payment.ledger;
