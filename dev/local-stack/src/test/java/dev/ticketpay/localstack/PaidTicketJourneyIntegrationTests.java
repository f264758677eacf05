package dev.ticketpay.localstack;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static dev.ticketpay.localstack.RunningStack.createEvent;
import static dev.ticketpay.localstack.RunningStack.decodeQr;
import static dev.ticketpay.localstack.RunningStack.get;
import static dev.ticketpay.localstack.RunningStack.payOnCheckoutPage;
import static dev.ticketpay.localstack.RunningStack.post;
import static dev.ticketpay.localstack.RunningStack.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The classic purchase API with Stripe Checkout, as the seed's frontend guide describes it: create → pay on
 * the (sandbox) checkout page → webhook → verify returns the QR code; and decline, cancel, verify before the
 * webhook, late payments and retries with an Idempotency-Key. Every service is a real process.
 */
class PaidTicketJourneyIntegrationTests extends StackJourney {

    @Test
    void paysOnTheCheckoutPageAndVerifiesToASignedQrCode() throws Exception {
        long event = paidEvent(10);
        String alice = token("alice-" + UUID.randomUUID(), "user");

        var created = post(gateway + "/api/payments/create-payment-intent/", alice,
                Map.of("event_id", event, "quantity", 2, "total_amount", 1));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        var body = created.json();
        String sessionId = body.get("session_id").asString();
        long ticketId = body.get("ticket_id").asLong();
        assertThat(sessionId).startsWith("cs_test_");
        assertThat(body.get("checkout_url").asString()).startsWith(stack.sandbox().publicBaseUrl());
        assertThat(body.get("ticket_code").asString()).isNotBlank();
        var session = stripe.v1().checkout().sessions().retrieve(sessionId);
        assertThat(session.getAmountTotal()).as("the backend prices the order").isEqualTo(9000L);
        assertThat(session.getCurrency()).isEqualTo("jpy");

        var paid = payOnCheckoutPage(body.get("checkout_url").asString(), "4242424242424242");
        assertThat(paid.status()).isEqualTo(303);
        assertThat(paid.location()).isEqualTo(stack.frontendUrl() + "/payment/success?session_id=" + sessionId
                + "&ticket_id=" + ticketId);

        var verified = await().atMost(Duration.ofSeconds(30)).until(() -> post(gateway + "/api/payments/verify/",
                alice, Map.of("session_id", sessionId, "ticket_id", ticketId)), answer -> answer.status() == 200);
        assertThat(verified.json().get("detail").asString()).isEqualTo("Payment successful");
        assertThat(decodeQr(verified.json().get("qr_code_data").asString()))
                .contains(".").startsWith("TP1.");
        assertThat(verified.json().get("ticket_code").asString()).isEqualTo(body.get("ticket_code").asString());
        assertThat(available(event)).isEqualTo(8);
    }

    @Test
    void aDeclinedCardLeavesTheTicketUnpaid() {
        long event = paidEvent(5);
        String bob = token("bob-" + UUID.randomUUID(), "user");
        var created = purchase(bob, event, 1);
        var body = created.json();

        var declined = payOnCheckoutPage(body.get("checkout_url").asString(), "4000000000000002");
        assertThat(declined.status()).isEqualTo(402);
        assertThat(declined.body()).contains("declined");

        var verify = post(gateway + "/api/payments/verify/", bob,
                Map.of("session_id", body.get("session_id").asString(), "ticket_id", body.get("ticket_id").asLong()));
        assertThat(verify.status()).isEqualTo(400);
        assertThat(verify.json().get("detail").asString()).isEqualTo("Payment not completed.");
    }

    @Test
    void cancelReleasesTheSeatsAndTheCheckoutCanNoLongerBePaid() throws Exception {
        long event = paidEvent(3);
        String carol = token("carol-" + UUID.randomUUID(), "user");
        var body = purchase(carol, event, 3).json();
        assertThat(available(event)).isZero();
        long ticketId = body.get("ticket_id").asLong();
        String sessionId = body.get("session_id").asString();

        assertThat(post(gateway + "/api/payments/cancel/", token("mallory", "user"), Map.of("ticket_id", ticketId))
                .status()).isEqualTo(403);
        var cancelled = post(gateway + "/api/payments/cancel/", carol, Map.of("ticket_id", ticketId));
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().get("detail").asString()).isEqualTo("Payment cancelled");
        assertThat(available(event)).isEqualTo(3);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> stripe.v1().checkout().sessions().retrieve(sessionId).getStatus(), "expired"::equals);
        assertThat(payOnCheckoutPage(body.get("checkout_url").asString(), "4242424242424242").status())
                .isGreaterThanOrEqualTo(400);
        var again = post(gateway + "/api/payments/cancel/", carol, Map.of("ticket_id", ticketId));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().get("detail").asString()).contains("cancelled");
    }

    @Test
    void verifyBeforeTheWebhookReconcilesWithStripe() {
        long event = paidEvent(5);
        String dan = token("dan-" + UUID.randomUUID(), "user");
        var body = purchase(dan, event, 1).json();
        String webhook = stack.sandbox().webhookEndpoints().getFirst();
        stack.sandbox().removeWebhookEndpoint(webhook);
        try {
            assertThat(payOnCheckoutPage(body.get("checkout_url").asString(), "4242424242424242").status())
                    .isEqualTo(303);
            var verified = post(gateway + "/api/payments/verify/", dan,
                    Map.of("session_id", body.get("session_id").asString(),
                            "ticket_id", body.get("ticket_id").asLong()));
            assertThat(verified.status()).as(verified.body()).isEqualTo(200);
            assertThat(verified.json().get("qr_code_data").asString()).isNotBlank();
        }
        finally {
            stack.sandbox().addWebhookEndpoint(webhook);
        }
    }

    @Test
    void aLatePaymentAfterCancelIsHonouredWhileSeatsRemainAndRefundedOtherwise() throws Exception {
        long roomy = paidEvent(5);
        long full = paidEvent(1);
        String erin = token("erin-" + UUID.randomUUID(), "user");
        var kept = purchase(erin, roomy, 1).json();
        var refunded = purchase(erin, full, 1).json();
        String webhook = stack.sandbox().webhookEndpoints().getFirst();
        stack.sandbox().removeWebhookEndpoint(webhook);
        try {
            // both are paid at Stripe, but the webhooks have not arrived when the buyer cancels
            payOnCheckoutPage(kept.get("checkout_url").asString(), "4242424242424242");
            payOnCheckoutPage(refunded.get("checkout_url").asString(), "4242424242424242");
            assertThat(post(gateway + "/api/payments/cancel/", erin,
                    Map.of("ticket_id", kept.get("ticket_id").asLong())).status()).isEqualTo(200);
            assertThat(post(gateway + "/api/payments/cancel/", erin,
                    Map.of("ticket_id", refunded.get("ticket_id").asLong())).status()).isEqualTo(200);
            // someone else takes the only seat of the full event meanwhile
            assertThat(purchase(token("frank", "user"), full, 1).status()).isEqualTo(200);
        }
        finally {
            stack.sandbox().addWebhookEndpoint(webhook);
        }

        var honoured = post(gateway + "/api/payments/verify/", erin, Map.of("session_id",
                kept.get("session_id").asString(), "ticket_id", kept.get("ticket_id").asLong()));
        assertThat(honoured.status()).as(honoured.body()).isEqualTo(200);
        assertThat(honoured.json().get("qr_code_data").asString()).isNotBlank();

        var gone = post(gateway + "/api/payments/verify/", erin, Map.of("session_id",
                refunded.get("session_id").asString(), "ticket_id", refunded.get("ticket_id").asLong()));
        assertThat(gone.status()).isEqualTo(400);
        assertThat(gone.json().get("detail").asString()).contains("refunded");
        String intent = stripe.v1().checkout().sessions().retrieve(refunded.get("session_id").asString())
                .getPaymentIntent();
        await().atMost(Duration.ofSeconds(30)).until(() -> stripe.v1().paymentIntents().retrieve(intent,
                com.stripe.param.PaymentIntentRetrieveParams.builder().addExpand("latest_charge").build())
                .getLatestChargeObject().getAmountRefunded(), refundedAmount -> refundedAmount == 4500L);
    }

    /**
     * The developer's {@code stripe trigger charge.refunded}, through the sandbox's control API, refunds the ticket.
     */
    @Test
    void aTriggeredRefundOfAPaidTicketRefundsIt() {
        long event = paidEvent(3);
        String gina = token("gina-" + UUID.randomUUID(), "user");
        var created = purchase(gina, event, 1).json();
        Map<String, Object> verify = Map.of("session_id", created.get("session_id").asString(),
                "ticket_id", created.get("ticket_id").asLong());
        payOnCheckoutPage(created.get("checkout_url").asString(), "4242424242424242");
        await().atMost(Duration.ofSeconds(30)).until(() -> post(gateway + "/api/payments/verify/", gina, verify)
                .status() == 200);

        var triggered = RunningStack.send("POST", stack.sandbox().apiBase() + "/_sandbox/triggers", null,
                "application/json", "{\"event\":\"charge.refunded\",\"object\":\"%s\"}"
                        .formatted(created.get("session_id").asString()));
        assertThat(triggered.status()).as(triggered.body()).isEqualTo(201);

        var refunded = await().atMost(Duration.ofSeconds(30)).until(() -> post(gateway + "/api/payments/verify/",
                gina, verify), answer -> answer.status() == 400);
        assertThat(refunded.json().get("detail").asString()).contains("refunded");
        assertThat(available(event)).as("a refunded seat goes back on sale").isEqualTo(3);
    }

    @Test
    void retryingWithTheSameIdempotencyKeyReservesOnce() {
        long event = paidEvent(4);
        String gina = token("gina-" + UUID.randomUUID(), "user");
        String key = UUID.randomUUID().toString();
        var first = purchaseWithKey(gina, key, event, 2);
        var retry = purchaseWithKey(gina, key, event, 2);
        assertThat(first.status()).isEqualTo(200);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.json().get("ticket_id").asLong()).isEqualTo(first.json().get("ticket_id").asLong());
        assertThat(retry.json().get("session_id").asString()).isEqualTo(first.json().get("session_id").asString());
        assertThat(available(event)).isEqualTo(2);
        var misuse = purchaseWithKey(gina, key, event, 1);
        assertThat(misuse.status()).isEqualTo(400);
    }

    @Test
    void verifyAnswersTheSeedsErrors() {
        long event = paidEvent(2);
        String hank = token("hank-" + UUID.randomUUID(), "user");
        var body = purchase(hank, event, 1).json();
        long ticketId = body.get("ticket_id").asLong();
        String sessionId = body.get("session_id").asString();

        assertThat(post(gateway + "/api/payments/verify/", hank, Map.of("ticket_id", ticketId)).status())
                .isEqualTo(400);
        assertThat(post(gateway + "/api/payments/verify/", token("ivan", "user"),
                Map.of("session_id", sessionId, "ticket_id", ticketId)).status()).isEqualTo(403);
        assertThat(post(gateway + "/api/payments/verify/", hank,
                Map.of("session_id", sessionId, "ticket_id", 987_654_321)).status()).isEqualTo(404);
        assertThat(post(gateway + "/api/payments/verify/", hank,
                Map.of("session_id", "cs_test_somebodyelse", "ticket_id", ticketId)).status()).isEqualTo(400);
        assertThat(post(gateway + "/api/payments/cancel/", hank, Map.of()).status()).isEqualTo(400);
        assertThat(post(gateway + "/api/payments/cancel/", hank, Map.of("ticket_id", 987_654_321)).status())
                .isEqualTo(404);
    }

    private static long paidEvent(int capacity) {
        return createEvent("Jazz Night", capacity, 4500);
    }

    private static int available(long event) {
        return get(gateway + "/api/events/" + event, token("viewer", "user")).json().get("available").asInt();
    }
}
