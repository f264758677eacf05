/** The classic purchase API: create-payment-intent, verify, cancel. */
package dev.ticketpay.ticket.reservation.web;
