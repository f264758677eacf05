/** ticket-service: the events catalog, inventory, tickets and the classic purchase API. */
package dev.ticketpay.ticket;
