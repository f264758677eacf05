package dev.ticketpay.sandbox.stripe.internal;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

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

    private static final String GENERIC = "Your card was declined.";

    private static final Decline GENERIC_DECLINE = new Decline(
            "card_declined",
            "generic_decline",
            GENERIC,
            "The bank did not return any further details with this decline.",
            "issuer_declined");
    private static final Decline LIVE_CARD = new Decline(
            "card_declined",
            "test_mode_live_card",
            "Your card was declined. Your request was in test mode, but used a non test (live) card."
                    + " For a list of valid test cards, visit: https://stripe.com/docs/testing.",
            "The bank did not return any further details with this decline.",
            "invalid");

    /** A test card, and the test PaymentMethod token that stands for it ({@code null} if there is none). */
    private record TestCard(String token, Card card) {}

    private static final List<TestCard> CARDS = List.of(
            paying("pm_card_visa", "4242424242424242", "visa", "credit"),
            paying("pm_card_visa_debit", "4000056655665556", "visa", "debit"),
            paying("pm_card_mastercard", "5555555555554444", "mastercard", "credit"),
            paying(null, "2223003122003222", "mastercard", "credit"),
            paying(null, "5200828282828210", "mastercard", "debit"),
            paying("pm_card_amex", "378282246310005", "amex", "credit"),
            paying("pm_card_discover", "6011111111111117", "discover", "credit"),
            declining("pm_card_chargeDeclined", "4000000000000002", GENERIC_DECLINE),
            declining(
                    "pm_card_chargeDeclinedInsufficientFunds",
                    "4000000000009995",
                    bankDecline("card_declined", "insufficient_funds", "Your card has insufficient funds.")),
            declining(
                    "pm_card_chargeDeclinedLostCard",
                    "4000000000009987",
                    bankDecline("card_declined", "lost_card", GENERIC)),
            declining(
                    "pm_card_chargeDeclinedStolenCard",
                    "4000000000009979",
                    bankDecline("card_declined", "stolen_card", GENERIC)),
            declining(
                    "pm_card_chargeDeclinedExpiredCard",
                    "4000000000000069",
                    bankDecline("expired_card", "expired_card", "Your card has expired.")),
            declining(
                    "pm_card_chargeDeclinedIncorrectCvc",
                    "4000000000000127",
                    bankDecline("incorrect_cvc", "incorrect_cvc", "Your card's security code is incorrect.")),
            declining(
                    "pm_card_chargeDeclinedProcessingError",
                    "4000000000000119",
                    bankDecline(
                            "processing_error",
                            "processing_error",
                            "An error occurred while processing your card. Try again in a little bit.")));

    private static final Map<String, Card> BY_NUMBER =
            CARDS.stream().collect(Collectors.toMap(c -> c.card().number(), TestCard::card));

    private static final Map<String, Card> BY_TOKEN =
            CARDS.stream().filter(c -> c.token() != null).collect(Collectors.toMap(TestCard::token, TestCard::card));

    private TestCards() {}

    private static TestCard paying(String token, String number, String brand, String funding) {
        return new TestCard(token, new Card(number, brand, funding, "US", null));
    }

    /** Stripe's declining test cards are all US Visa credit cards. */
    private static TestCard declining(String token, String number, Decline decline) {
        return new TestCard(token, new Card(number, "visa", "credit", "US", decline));
    }

    /** A decline the issuing bank gave with its own code, which Stripe repeats to the seller. */
    private static Decline bankDecline(String code, String declineCode, String message) {
        return new Decline(
                code,
                declineCode,
                message,
                "The bank returned the decline code `" + declineCode + "`.",
                "issuer_declined");
    }

    /** The card behind one of Stripe's test PaymentMethod tokens such as {@code pm_card_visa}. */
    public static Optional<Card> forPaymentMethod(String token) {
        return Optional.ofNullable(BY_TOKEN.get(token));
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
