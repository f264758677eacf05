package dev.ticketpay.contracts;

import java.time.Instant;

/**
 * The ticket's QR code exists. {@code qrCodeData} is the base64 PNG; {@code payload} is the signed text the
 * QR encodes, which a scanner verifies offline with the published public key.
 */
public record QrCodeIssued(long ticketId, String ticketCode, long eventId, String payload, String qrCodeData,
        Instant issuedAt) implements TicketEvent {
}
