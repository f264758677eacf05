package dev.ticketpay.sandbox.stripe.internal;

import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Stripe's documented test cards and test PaymentMethods and what happens when they are charged.
 * Any other number that passes the Luhn check is treated as a live card used in test mode, which
 * Stripe declines with {@code test_mode_live_card}.
 */
public final class TestCards {

    /** Why a charge failed, in the words and codes Stripe uses. */
    public record Decline(String code, String declineCode, String message, String sellerMessage, String outcomeType) {}

    /** A card: its display facts and, if it declines, how. */
    public record Card(String number, String brand, String funding, String country, Decline decline) {

        public String last4() {
            return number.substring(number.length() - 4);
        }

        /** Stripe's fingerprint identifies a card number per account; a stable hash does here. */
        public String fingerprint() {
            return HexFormat.of().formatHex(number.getBytes()).substring(0, 16);
        }

        public boolean succeeds() {
            return decline == null;
        }
    }

    public static final String GENERIC = "Your card was declined.";

    public static final Decline GENERIC_DECLINE = new Decline(
            "card_declined",
            "generic_decline",
            GENERIC,
            "The bank did not return any further details with this decline.",
            "issuer_declined");
    public static final Decline INSUFFICIENT_FUNDS = new Decline(
            "card_declined",
            "insufficient_funds",
            "Your card has insufficient funds.",
            "The bank returned the decline code `insufficient_funds`.",
            "issuer_declined");
    static final Decline LOST_CARD = new Decline(
            "card_declined",
            "lost_card",
            GENERIC,
            "The bank returned the decline code `lost_card`.",
            "issuer_declined");
    static final Decline STOLEN_CARD = new Decline(
            "card_declined",
            "stolen_card",
            GENERIC,
            "The bank returned the decline code `stolen_card`.",
            "issuer_declined");
    static final Decline EXPIRED_CARD = new Decline(
            "expired_card",
            "expired_card",
            "Your card has expired.",
            "The bank returned the decline code `expired_card`.",
            "issuer_declined");
    static final Decline INCORRECT_CVC = new Decline(
            "incorrect_cvc",
            "incorrect_cvc",
            "Your card's security code is incorrect.",
            "The bank returned the decline code `incorrect_cvc`.",
            "issuer_declined");
    static final Decline PROCESSING_ERROR = new Decline(
            "processing_error",
            "processing_error",
            "An error occurred while processing your card. Try again in a little bit.",
            "The bank returned the decline code `processing_error`.",
            "issuer_declined");
    static final Decline LIVE_CARD = new Decline(
            "card_declined",
            "test_mode_live_card",
            "Your card was declined. Your request was in test mode, but used a non test (live) card."
                    + " For a list of valid test cards, visit: https://stripe.com/docs/testing.",
            "The bank did not return any further details with this decline.",
            "invalid");

    private static final Map<String, Card> BY_NUMBER = Map.ofEntries(
            card("4242424242424242", "visa", "credit", null),
            card("4000056655665556", "visa", "debit", null),
            card("5555555555554444", "mastercard", "credit", null),
            card("2223003122003222", "mastercard", "credit", null),
            card("5200828282828210", "mastercard", "debit", null),
            card("378282246310005", "amex", "credit", null),
            card("6011111111111117", "discover", "credit", null),
            card("4000000000000002", "visa", "credit", GENERIC_DECLINE),
            card("4000000000009995", "visa", "credit", INSUFFICIENT_FUNDS),
            card("4000000000009987", "visa", "credit", LOST_CARD),
            card("4000000000009979", "visa", "credit", STOLEN_CARD),
            card("4000000000000069", "visa", "credit", EXPIRED_CARD),
            card("4000000000000127", "visa", "credit", INCORRECT_CVC),
            card("4000000000000119", "visa", "credit", PROCESSING_ERROR));

    private static final Map<String, String> PAYMENT_METHODS = Map.ofEntries(
            Map.entry("pm_card_visa", "4242424242424242"),
            Map.entry("pm_card_visa_debit", "4000056655665556"),
            Map.entry("pm_card_mastercard", "5555555555554444"),
            Map.entry("pm_card_amex", "378282246310005"),
            Map.entry("pm_card_discover", "6011111111111117"),
            Map.entry("pm_card_chargeDeclined", "4000000000000002"),
            Map.entry("pm_card_chargeDeclinedInsufficientFunds", "4000000000009995"),
            Map.entry("pm_card_chargeDeclinedLostCard", "4000000000009987"),
            Map.entry("pm_card_chargeDeclinedStolenCard", "4000000000009979"),
            Map.entry("pm_card_chargeDeclinedExpiredCard", "4000000000000069"),
            Map.entry("pm_card_chargeDeclinedIncorrectCvc", "4000000000000127"),
            Map.entry("pm_card_chargeDeclinedProcessingError", "4000000000000119"));

    private TestCards() {}

    private static Map.Entry<String, Card> card(String number, String brand, String funding, Decline decline) {
        return Map.entry(number, new Card(number, brand, funding, "US", decline));
    }

    /** The card behind one of Stripe's test PaymentMethod tokens such as {@code pm_card_visa}. */
    public static Optional<Card> forPaymentMethod(String token) {
        return Optional.ofNullable(PAYMENT_METHODS.get(token)).map(BY_NUMBER::get);
    }

    /**
     * The card for a typed number (spaces and dashes ignored), or empty if the number is not a card
     * number at all (the page then says it is incorrect, as Stripe's form does).
     */
    public static Optional<Card> forNumber(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String digits = typed.replaceAll("[\\s-]", "");
        if (!digits.matches("\\d{13,19}") || !luhn(digits)) {
            return Optional.empty();
        }
        Card known = BY_NUMBER.get(digits);
        if (known != null) {
            return Optional.of(known);
        }
        return Optional.of(new Card(digits, brandOf(digits), "credit", "US", LIVE_CARD));
    }

    private static String brandOf(String digits) {
        if (digits.startsWith("4")) {
            return "visa";
        }
        if (digits.startsWith("5") || digits.startsWith("2")) {
            return "mastercard";
        }
        if (digits.startsWith("34") || digits.startsWith("37")) {
            return "amex";
        }
        return "unknown";
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean doubleIt = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return sum % 10 == 0;
    }
}
