package dev.ticketpay.qr.checkin;

/** The scanned text is not a ticket's QR payload at all. */
public class NotATicketQrCode extends RuntimeException {

    NotATicketQrCode() {
        super("qr_payload is not a ticket QR code (expected TP1.<claims>.<signature>).", null, false, false);
    }
}
