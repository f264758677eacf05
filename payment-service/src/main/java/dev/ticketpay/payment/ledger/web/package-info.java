/** The ledger's admin endpoints: the last report, and a reconciliation run now. */
package dev.ticketpay.payment.ledger.web;
