/** The events tickets are sold for, with their inventory of seats. */
package dev.ticketpay.ticket.catalog;
