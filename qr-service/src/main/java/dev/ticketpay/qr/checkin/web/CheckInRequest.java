package dev.ticketpay.qr.checkin.web;

import dev.ticketpay.web.ApiException;

import org.springframework.http.HttpStatus;

/**
 * {@code {"qr_payload", "event_id"}}: the exact text the scanned QR code encodes (without the whitespace a scanner
 * may add around it), and the event whose door it was scanned at. A number too large for {@code event_id} is
 * refused by the shared error answers, naming the field.
 */
record CheckInRequest(String qrPayload, Long eventId) {

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
        if (eventId < 1) {
            throw invalid("event_id", "event_id must be a positive integer.");
        }
    }

    /** The event being admitted. */
    long event() {
        return eventId;
    }

    private static ApiException invalid(String field, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, message, field);
    }
}
