package dev.ticketpay.qr.checkin;

import dev.ticketpay.web.ApiException;

import org.springframework.http.HttpStatus;

/** A genuinely signed payload whose ticket has no QR code here. */
class UnknownTicket extends ApiException {

    UnknownTicket() {
        super(HttpStatus.NOT_FOUND, "No QR code was issued for this ticket.");
    }
}
