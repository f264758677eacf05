package dev.ticketpay.qr.checkin.web;

import java.math.BigInteger;

import dev.ticketpay.messaging.web.ApiException;

import org.springframework.http.HttpStatus;

/**
 * {@code {"qr_payload", "event_id"}}: the exact text the scanned QR code encodes (without the whitespace a scanner
 * may add around it), and the event whose door it was scanned at.
 *
 * @param eventId read as any integer, so that one beyond a {@code long} is refused here naming the field, not by
 *        the JSON parser as a malformed body
 */
record CheckInRequest(String qrPayload, BigInteger eventId) {

    /** Far more than any payload this service signs; keeps the signature check from chewing on junk. */
    private static final int MAX_LENGTH = 2048;

    CheckInRequest {
        if (qrPayload == null || qrPayload.isBlank()) {
            throw invalid("qr_payload", "qr_payload is required.");
        }
        if (qrPayload.length() > MAX_LENGTH) {
            throw invalid("qr_payload", "qr_payload is too long.");
        }
        qrPayload = qrPayload.strip();
        if (eventId == null) {
            throw invalid("event_id", "event_id is required: the event being admitted.");
        }
        if (eventId.signum() < 1 || eventId.bitLength() >= Long.SIZE) {
            throw invalid("event_id", "event_id must be a positive integer no larger than " + Long.MAX_VALUE + ".");
        }
    }

    /** The event being admitted. */
    long event() {
        return eventId.longValueExact();
    }

    private static ApiException invalid(String field, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, message, field);
    }
}
