package dev.ticketpay.qr.checkin;

/** The staff member's token lists the events they work, and the event being admitted is not one of them. */
public class NotStaffOfEvent extends RuntimeException {

    NotStaffOfEvent(long eventId) {
        super("You may not check tickets in at event " + eventId + ": it is not among the events your token lists.",
                null, false, false);
    }
}
