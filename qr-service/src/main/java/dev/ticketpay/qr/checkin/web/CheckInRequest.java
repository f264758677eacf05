package dev.ticketpay.qr.checkin.web;

import dev.ticketpay.messaging.web.ApiException;

import org.springframework.http.HttpStatus;

/** {@code {"qr_payload"}}: the exact text the scanned QR code encodes. */
record CheckInRequest(String qrPayload) {

    /** Far more than any payload this service signs; keeps the signature check from chewing on junk. */
    private static final int MAX_LENGTH = 2048;

    /** The payload without the whitespace a scanner may add around it. */
    String requirePayload() {
        if (qrPayload == null || qrPayload.isBlank()) {
            throw invalid("qr_payload is required.");
        }
        if (qrPayload.length() > MAX_LENGTH) {
            throw invalid("qr_payload is too long.");
        }
        return qrPayload.strip();
    }

    private static ApiException invalid(String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, message, "qr_payload");
    }
}
