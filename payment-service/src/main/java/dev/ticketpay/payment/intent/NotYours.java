package dev.ticketpay.payment.intent;

/** The order or payment belongs to another user (and the caller is no admin where admins may look). */
public final class NotYours extends RuntimeException {

    private NotYours(String message) {
        super(message, null, false, false);
    }

    static NotYours order() {
        return new NotYours("This order does not belong to you.");
    }

    static NotYours payment() {
        return new NotYours("This payment does not belong to you.");
    }
}
