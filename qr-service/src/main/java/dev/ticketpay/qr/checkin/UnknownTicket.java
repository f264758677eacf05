package dev.ticketpay.qr.checkin;

/** A genuinely signed payload whose ticket has no QR code here. */
public class UnknownTicket extends RuntimeException {

    UnknownTicket() {
        super("No QR code was issued for this ticket.", null, false, false);
    }
}
