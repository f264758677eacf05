/** Tickets and the saga that takes them from a reservation to paid, cancelled, expired or refunded. */
package dev.ticketpay.ticket.reservation;
