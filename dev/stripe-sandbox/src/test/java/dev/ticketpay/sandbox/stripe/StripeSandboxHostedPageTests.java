package dev.ticketpay.sandbox.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.stripe.model.PaymentIntent;
import com.stripe.model.checkout.Session;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StripeSandboxHostedPageTests extends SandboxFixture {

    @Test
    void pageShowsLineItemsTotalCardFieldPayButtonAndCancelLink() throws Exception {
        Session session = createSession(ticketSession(2500, "usd", 2).build());

        var page = get(session.getUrl());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body())
                .contains("Jazz night", "General admission", "$25.00", "id=\"total\">$50.00<")
                .contains("name=\"card\"")
                .contains("<button type=\"submit\" id=\"pay\">Pay $50.00</button>")
                .contains("action=\"/checkout/" + session.getId() + "/pay\"")
                .contains("href=\"http://localhost:5173/payment/cancel?ticket_id=31\"");
    }

    @Test
    void payingWith4242RedirectsToSuccessUrlAndCompletesTheSession() throws Exception {
        Session session = openSession(2500);

        var paid = payOnPage(session.getUrl(), "4242424242424242");

        assertThat(paid.statusCode()).isEqualTo(303);
        assertThat(paid.headers().firstValue("Location"))
                .hasValue("http://localhost:5173/payment/success?session_id=" + session.getId() + "&ticket_id=31");
        Session after = retrieveSession(session.getId());
        assertThat(after.getStatus()).isEqualTo("complete");
        assertThat(after.getPaymentStatus()).isEqualTo("paid");
        assertThat(stripe.v1()
                        .paymentIntents()
                        .retrieve(after.getPaymentIntent())
                        .getStatus())
                .isEqualTo("succeeded");
    }

    @Test
    void declinedCardShowsStripesMessageAndLeavesTheSessionOpen() throws Exception {
        Session session = openSession(2500);

        var declined = payOnPage(session.getUrl(), "4000 0000 0000 0002");

        assertThat(declined.statusCode()).isEqualTo(402);
        assertThat(declined.body())
                .contains("Your card was declined.")
                .contains("data-code=\"card_declined\"")
                .contains("data-decline-code=\"generic_decline\"")
                .contains("name=\"card\"");
        Session after = retrieveSession(session.getId());
        assertThat(after.getStatus()).isEqualTo("open");
        assertThat(after.getPaymentStatus()).isEqualTo("unpaid");
        PaymentIntent intent = stripe.v1().paymentIntents().retrieve(after.getPaymentIntent());
        assertThat(intent.getStatus()).isEqualTo("requires_payment_method");
        assertThat(intent.getLastPaymentError().getDeclineCode()).isEqualTo("generic_decline");
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(receiver.events(SECRET, "payment_intent.payment_failed"))
                        .hasSize(1));

        // The customer tries another card on the same page, as on Stripe's page.
        var paid = payOnPage(session.getUrl(), "4242424242424242");
        assertThat(paid.statusCode()).isEqualTo(303);
        PaymentIntent retried = stripe.v1().paymentIntents().retrieve(after.getPaymentIntent());
        assertThat(retried.getStatus()).isEqualTo("succeeded");
        assertThat(retried.getLastPaymentError()).isNull();
    }

    @Test
    void insufficientFundsCardSaysSo() throws Exception {
        Session session = openSession(2500);

        var declined = payOnPage(session.getUrl(), "4000000000009995");

        assertThat(declined.statusCode()).isEqualTo(402);
        assertThat(declined.body())
                .contains("Your card has insufficient funds.")
                .contains("data-decline-code=\"insufficient_funds\"");
        assertThat(retrieveSession(session.getId()).getStatus())
                .isEqualTo("open");
    }

    @Test
    void numberThatIsNotACardIsRejectedWithoutAnAttempt() throws Exception {
        Session session = openSession(2500);

        var rejected = payOnPage(session.getUrl(), "1234");

        assertThat(rejected.statusCode()).isEqualTo(400);
        assertThat(rejected.body()).contains("Your card number is invalid.");
        assertThat(retrieveSession(session.getId()).getPaymentIntent())
                .isNull();
    }

    @Test
    void expiredSessionCannotBePaid() throws Exception {
        Session session = createSession(ticketSession(2500, "usd", 1)
                .setExpiresAt(sandbox.clock().epochSecond() + 1800)
                .build());
        sandbox.advanceClock(Duration.ofMinutes(30).plusSeconds(1));

        var page = get(sandbox.publicBaseUrl() + "/checkout/" + session.getId());
        var pay = payOnPage(sandbox.publicBaseUrl() + "/checkout/" + session.getId(), "4242424242424242");

        assertThat(page.statusCode()).isEqualTo(410);
        assertThat(page.body()).contains("This Checkout Session has expired");
        assertThat(pay.statusCode()).isEqualTo(410);
        assertThat(retrieveSession(session.getId()).getStatus())
                .isEqualTo("expired");
    }

    @Test
    void sessionExpiredThroughTheApiCannotBePaid() throws Exception {
        Session session = openSession(2500);
        stripe.v1().checkout().sessions().expire(session.getId());

        var pay = payOnPage(session.getUrl(), "4242424242424242");

        assertThat(pay.statusCode()).isEqualTo(410);
        assertThat(retrieveSession(session.getId()).getPaymentStatus())
                .isEqualTo("unpaid");
    }

    @Test
    void completedSessionCannotBePaidTwice() throws Exception {
        Session session = openSession(2500);
        payOnPage(session.getUrl(), "4242424242424242");

        var again = payOnPage(session.getUrl(), "4242424242424242");
        var page = get(session.getUrl());

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("already been paid");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Payment complete").doesNotContain("name=\"card\"");
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(receiver.events(SECRET, "checkout.session.completed"))
                        .hasSize(1));
    }

    @Test
    void unknownSessionPageIsNotFound() {
        assertThat(get(sandbox.publicBaseUrl() + "/checkout/cs_test_unknown").statusCode())
                .isEqualTo(404);
        assertThat(postForm(
                                sandbox.publicBaseUrl() + "/checkout/cs_test_unknown/pay",
                                Map.of("card", "4242424242424242"))
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void pageEscapesWhatCallersPutIntoIt() throws Exception {
        Session session = createSession(ticketSession(2500, "usd", 1)
                .setCancelUrl("https://example.com/cancel?a=1&b=\"<x>\"")
                .build());

        assertThat(get(session.getUrl()).body())
                .contains("a=1&amp;b=&quot;&lt;x&gt;&quot;")
                .doesNotContain("<x>");
    }
}
