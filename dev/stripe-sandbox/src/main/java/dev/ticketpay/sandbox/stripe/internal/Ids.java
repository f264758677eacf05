package dev.ticketpay.sandbox.stripe.internal;

import java.security.SecureRandom;

/** Stripe-looking ids: a type prefix and random base62, e.g. {@code pi_3QxK…}. */
public final class Ids {

    private static final char[] ALPHABET =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {}

    public static String random(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(out);
    }

    /** Object ids are 24 characters after the prefix, like Stripe's. */
    public static String next(String prefix) {
        return prefix + random(24);
    }

    /** Checkout Session ids are much longer in test mode: {@code cs_test_a1…} (58 characters). */
    public static String checkoutSession() {
        return "cs_test_a1" + random(56);
    }

    public static String request() {
        return "req_" + random(14);
    }
}
