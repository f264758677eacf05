/**
 * Stripe side effects as durable intentions: a refund, a session expiry or an intent cancel is written as a command
 * in the transaction that decides it, then performed by a worker until Stripe answers for good.
 */
package dev.ticketpay.payment.command;
