package dev.ticketpay.ticket.reservation;

/** Fewer seats are left than the buyer asked for: how many were asked for, and how many are left. */
public class NotEnoughTickets extends RuntimeException {

    private final int requested;
    private final int available;

    NotEnoughTickets(int requested, int available) {
        super("Not enough tickets available: requested " + requested + ", " + available + " left.", null, false, false);
        this.requested = requested;
        this.available = available;
    }

    public int requested() {
        return requested;
    }

    public int available() {
        return available;
    }
}
