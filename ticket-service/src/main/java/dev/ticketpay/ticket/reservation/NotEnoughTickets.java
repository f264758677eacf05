package dev.ticketpay.ticket.reservation;

import java.time.Duration;

/**
 * Fewer seats are left than the buyer asked for; the message says how many were asked for and are left. A refusal
 * from {@code SoldOutShows}' memory says for how long any buyer asking the same would be refused the same way
 * ({@link #sharedFor()}); one read from the database does not, since seats may have come back while it ran.
 */
public class NotEnoughTickets extends RuntimeException {

    private final Duration sharedFor;

    NotEnoughTickets(int requested, int available) {
        this(requested, available, null);
    }

    NotEnoughTickets(int requested, int available, Duration sharedFor) {
        super("Not enough tickets available: requested " + requested + ", " + available + " left.", null, false, false);
        this.sharedFor = sharedFor;
    }

    /** How long this refusal holds for every buyer of the same request, or null. */
    public Duration sharedFor() {
        return sharedFor;
    }
}
