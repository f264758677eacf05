package dev.ticketpay.qr.checkin;

import dev.ticketpay.web.ApiException;

import org.springframework.http.HttpStatus;

/** The payload was not signed with this service's key: tampered with, forged, or signed by another key. */
class InvalidTicketSignature extends ApiException {

    InvalidTicketSignature() {
        super(HttpStatus.BAD_REQUEST, "Invalid ticket signature", "qr_payload");
    }
}
