package dev.ticketpay.sandbox.stripe.internal;

/** A card PaymentMethod made from a test token or a number typed into a form; {@code email} from the hosted page. */
record PaymentMethod(String id, long created, TestCards.Card card, String email) {}
