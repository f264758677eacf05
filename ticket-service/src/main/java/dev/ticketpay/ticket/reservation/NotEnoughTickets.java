package dev.ticketpay.ticket.reservation;

/** Fewer seats are left than the buyer asked for; the message says how many were asked for and are left. */
public class NotEnoughTickets extends RuntimeException {

    NotEnoughTickets(int requested, int available) {
        super("Not enough tickets available: requested " + requested + ", " + available + " left.", null, false, false);
    }
}
