package dev.ticketpay.payment.intent;

import dev.ticketpay.web.ApiException;

import org.springframework.http.HttpStatus;

/** The order or payment belongs to another user (and the caller is no admin where admins may look). */
final class NotYours extends ApiException {

    private NotYours(String message) {
        super(HttpStatus.FORBIDDEN, message);
    }

    static NotYours order() {
        return new NotYours("This order does not belong to you.");
    }

    static NotYours payment() {
        return new NotYours("This payment does not belong to you.");
    }
}
