package dev.ticketpay.qr.issuing;

import java.time.Instant;

/** The QR code of one ticket: the signed payload it encodes and its PNG (base64). */
public record QrCode(long ticketId, String ticketCode, long eventId, String userId, int quantity, String payload,
        String pngBase64, Instant issuedAt) {

    public boolean isOwnedBy(String user) {
        return userId.equals(user);
    }
}
