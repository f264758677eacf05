package dev.ticketpay.qr.checkin;

import dev.ticketpay.web.ApiException;

import org.springframework.http.HttpStatus;

/** The staff member's token lists the events they work, and the event being admitted is not one of them. */
class NotStaffOfEvent extends ApiException {

    NotStaffOfEvent(long eventId) {
        super(HttpStatus.FORBIDDEN, "You may not check tickets in at event " + eventId
                + ": it is not among the events your token lists.", "event_id");
    }
}
