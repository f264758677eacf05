/**
 * payment-service's side of the ticket saga: each ticket event on tickets.v1 handed to the channel that pays the
 * ticket (Checkout or PaymentIntent) or, for refunds, to the shared path of both.
 */
package dev.ticketpay.payment.tickets;
