package dev.ticketpay.contracts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One realistic instance of every event: a two-seat ticket for a paid concert in Tokyo, priced in yen
 * (a zero-decimal currency, so 2 x 4,500 yen is the amount 9000).
 */
final class TestEvents {

    static final long TICKET_ID = 4211L;
    static final UUID ORDER_ID = UUID.fromString("6f1c2a7e-3b9d-4c41-9a0e-5d8f2b7c1e93");
    static final String TICKET_CODE = "TKT-7Q2M-9XKD";
    static final long EVENT_ID = 17L;
    static final String USER_ID = "auth0|66a1f0c2b3d4e5f601234567";
    static final String SESSION_ID = "cs_test_a1Q9ZkX2vB7nLm3Pq8Rt5Yw0";
    static final String PAYMENT_INTENT_ID = "pi_3PqR8sKx2LmN4oP51a2b3c4d";
    static final String DISPUTE_ID = "dp_3PqR8sKx2LmN4oP51k7l8m9n";
    static final long AMOUNT = 9000L;
    static final String JPY = "jpy";

    private static final Instant RESERVED_AT = Instant.parse("2025-07-01T10:00:03.512Z");

    /** A 1x1 PNG, base64: the shape of what qr-service puts into qr_code_data. */
    private static final String PNG_BASE64 =
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

    static List<TicketEvent> all() {
        return List.of(
                new TicketReserved(TICKET_ID, ORDER_ID, TICKET_CODE, EVENT_ID, "Blue Note Tokyo: Summer Jazz Night",
                        USER_ID, "hanako.yamada@example.jp", 2, AMOUNT, JPY, RESERVED_AT.plusSeconds(15 * 60),
                        TicketReserved.CHECKOUT),
                new TicketConfirmed(TICKET_ID, ORDER_ID, TICKET_CODE, EVENT_ID, USER_ID, 2, AMOUNT, JPY,
                        Instant.parse("2025-07-01T10:04:41.007Z")),
                new TicketCancelled(TICKET_ID, ORDER_ID, USER_ID, Instant.parse("2025-07-01T10:02:10Z")),
                new TicketExpired(TICKET_ID, ORDER_ID, Instant.parse("2025-07-01T10:15:03.512Z")),
                new RefundRequested(TICKET_ID, ORDER_ID, SESSION_ID, AMOUNT, JPY, "seats_unavailable"),
                new CheckoutSessionCreated(TICKET_ID, ORDER_ID, SESSION_ID,
                        "https://checkout.stripe.com/c/pay/" + SESSION_ID + "#fidkdWxOYHwnPyd1blpxYHZxWjA0",
                        Instant.parse("2025-07-01T10:30:04Z")),
                new PaymentIntentCreated(TICKET_ID, ORDER_ID, UUID.fromString("b0e4d9a2-1c3f-4e5a-8b7d-2f6c9e1a3d58"),
                        PAYMENT_INTENT_ID, AMOUNT, JPY),
                new PaymentSucceeded(TICKET_ID, ORDER_ID, SESSION_ID, PAYMENT_INTENT_ID, AMOUNT, JPY,
                        Instant.parse("2025-07-01T10:04:39.250Z")),
                new PaymentFailed(TICKET_ID, ORDER_ID, SESSION_ID, PaymentFailed.DECLINED, "Your card was declined.",
                        false, Instant.parse("2025-07-01T10:03:58.901Z")),
                new PaymentCancelled(TICKET_ID, ORDER_ID, SESSION_ID, Instant.parse("2025-07-01T10:02:11.340Z")),
                new PaymentRefunded(TICKET_ID, ORDER_ID, "re_3PqR8sKx2LmN4oP51x9y8z7w", AMOUNT, JPY,
                        Instant.parse("2025-07-01T10:20:15Z")),
                new RefundFailed(TICKET_ID, ORDER_ID, PAYMENT_INTENT_ID, "charge_disputed",
                        "Charge ch_3PqR8sKx2LmN4oP51c2d3e4f has been charged back; cannot issue a refund.",
                        Instant.parse("2025-07-01T10:20:16Z")),
                new PaymentDisputed(TICKET_ID, ORDER_ID, DISPUTE_ID, PAYMENT_INTENT_ID, AMOUNT, JPY, "fraudulent",
                        Instant.parse("2025-07-09T08:12:40Z")),
                new PaymentDisputeClosed(TICKET_ID, ORDER_ID, DISPUTE_ID, PaymentDisputeClosed.WON, AMOUNT, JPY,
                        Instant.parse("2025-08-02T15:00:00Z")),
                new QrCodeIssued(TICKET_ID, TICKET_CODE, EVENT_ID,
                        "TP1.TKT-7Q2M-9XKD.17.2.Zm9vYmFyLWVkMjU1MTktc2lnbmF0dXJlLXNhbXBsZQ", PNG_BASE64,
                        Instant.parse("2025-07-01T10:04:42.118Z")));
    }

    private TestEvents() {
    }
}
