package dev.ticketpay.qr.checkin;

/** The payload was not signed with this service's key: tampered with, forged, or signed by another key. */
public class InvalidTicketSignature extends RuntimeException {

    InvalidTicketSignature() {
        super("Invalid ticket signature", null, false, false);
    }
}
