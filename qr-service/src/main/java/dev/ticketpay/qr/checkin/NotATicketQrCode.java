package dev.ticketpay.qr.checkin;

import dev.ticketpay.web.ApiException;

import org.springframework.http.HttpStatus;

/** The scanned text is not a ticket's QR payload at all. */
class NotATicketQrCode extends ApiException {

    NotATicketQrCode() {
        super(HttpStatus.BAD_REQUEST, "qr_payload is not a ticket QR code (expected TP1.<claims>.<signature>).",
                "qr_payload");
    }
}
