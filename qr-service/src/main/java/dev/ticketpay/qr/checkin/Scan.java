package dev.ticketpay.qr.checkin;

import java.time.Instant;

/** What scanning a genuine ticket's QR code at the door found. */
public sealed interface Scan {

    long ticketId();

    /** First scan of a valid ticket: its holder is in, with {@code quantity} seats. */
    record Admitted(long ticketId, String ticketCode, long eventId, int quantity, Instant checkedInAt)
            implements Scan {
    }

    /** The ticket was used before, at {@code checkedInAt}; it admits nobody again. */
    record AlreadyCheckedIn(long ticketId, Instant checkedInAt) implements Scan {
    }

    /** The ticket was refunded: its QR code was revoked at {@code revokedAt}. */
    record Revoked(long ticketId, Instant revokedAt) implements Scan {
    }

    /** The ticket is for event {@code ticketEventId}, not for {@code admittingEventId}, the one at this door. */
    record WrongEvent(long ticketId, long ticketEventId, long admittingEventId) implements Scan {
    }
}
