package dev.ticketpay.sandbox.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.stripe.exception.InvalidRequestException;
import com.stripe.model.Charge;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.model.checkout.Session;
import com.stripe.param.PaymentIntentRetrieveParams;
import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.param.checkout.SessionListParams;
import com.stripe.param.checkout.SessionRetrieveParams;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StripeSandboxCheckoutTests extends SandboxFixture {

    @Test
    void createdSessionHasStripesShapeAndSubstitutesTheSessionIdIntoTheReturnUrls() throws Exception {
        long before = Instant.now().getEpochSecond();
        Session session = createSession(ticketSession(2500, "usd", 2)
                .setCustomerEmail("alice@example.com")
                .build());

        assertThat(session.getId()).startsWith("cs_test_");
        assertThat(session.getObject()).isEqualTo("checkout.session");
        assertThat(session.getMode()).isEqualTo("payment");
        assertThat(session.getStatus()).isEqualTo("open");
        assertThat(session.getPaymentStatus()).isEqualTo("unpaid");
        assertThat(session.getAmountTotal()).isEqualTo(5000L);
        assertThat(session.getAmountSubtotal()).isEqualTo(5000L);
        assertThat(session.getCurrency()).isEqualTo("usd");
        assertThat(session.getClientReferenceId()).isEqualTo("31");
        assertThat(session.getMetadata()).containsEntry("ticket_id", "31");
        assertThat(session.getCustomerEmail()).isEqualTo("alice@example.com");
        assertThat(session.getLivemode()).isFalse();
        assertThat(session.getPaymentIntent()).isNull();
        assertThat(session.getUrl()).isEqualTo(sandbox.publicBaseUrl() + "/checkout/" + session.getId());
        assertThat(session.getSuccessUrl())
                .isEqualTo("http://localhost:5173/payment/success?session_id=" + session.getId() + "&ticket_id=31");
        assertThat(session.getCancelUrl()).isEqualTo("http://localhost:5173/payment/cancel?ticket_id=31");
        assertThat(session.getCreated()).isBetween(before, before + 5);
        assertThat(session.getExpiresAt()).isEqualTo(session.getCreated() + 24 * 3600);
        assertThat(session.getPaymentMethodTypes()).containsExactly("card");
        assertThat(session.getLastResponse().headers().firstValue("Request-Id"))
                .hasValueSatisfying(id -> assertThat(id).startsWith("req_"));
    }

    @Test
    void retrieveReturnsTheSameSessionAndExpandsLineItemsAndPaymentIntent() throws Exception {
        Session created = createSession(ticketSession(1500, "usd", 3).build());

        Session retrieved = stripe.v1()
                .checkout()
                .sessions()
                .retrieve(
                        created.getId(),
                        SessionRetrieveParams.builder().addExpand("line_items").build());

        assertThat(retrieved.getId()).isEqualTo(created.getId());
        assertThat(retrieved.getAmountTotal()).isEqualTo(4500L);
        assertThat(retrieved.getLineItems().getData()).singleElement().satisfies(item -> {
            assertThat(item.getObject()).isEqualTo("item");
            assertThat(item.getDescription()).isEqualTo("Jazz night");
            assertThat(item.getQuantity()).isEqualTo(3L);
            assertThat(item.getAmountTotal()).isEqualTo(4500L);
            assertThat(item.getPrice().getUnitAmount()).isEqualTo(1500L);
            assertThat(item.getPrice().getCurrency()).isEqualTo("usd");
        });
        assertThat(stripe.v1()
                        .checkout()
                        .sessions()
                        .lineItems()
                        .list(created.getId())
                        .getData())
                .hasSize(1);
    }

    @Test
    void zeroDecimalCurrencyAmountsAreAlreadyInYen() throws Exception {
        Session session = createSession(ticketSession(1500, "jpy", 2).build());

        assertThat(session.getAmountTotal()).isEqualTo(3000L);
        assertThat(session.getCurrency()).isEqualTo("jpy");
        assertThat(get(session.getUrl()).body()).contains("¥3,000");
    }

    @Test
    void totalsBelowTheCurrencyMinimumAreRefusedAsStripeDoes() {
        InvalidRequestException refusal = refused(() -> openSession(30));
        assertThat(refusal.getStatusCode()).isEqualTo(400);
        assertThat(refusal.getCode()).isEqualTo("amount_too_small");
        assertThat(refusal.getMessage()).contains("$0.50 usd");
        assertThatThrownBy(() -> createSession(ticketSession(49, "jpy", 1).build()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("¥50 jpy");
    }

    @Test
    void expiresAtMustLieBetweenThirtyMinutesAndTwentyFourHours() throws Exception {
        long now = Instant.now().getEpochSecond();
        InvalidRequestException refusal = refused(() -> createSession(
                ticketSession(1000, "usd", 1).setExpiresAt(now + 600).build()));
        assertThat(refusal.getParam()).isEqualTo("expires_at");
        assertThat(refusal.getMessage()).contains("at least 30 minutes");
        assertThatThrownBy(() -> createSession(ticketSession(1000, "usd", 1)
                        .setExpiresAt(now + 25 * 3600)
                        .build()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("less than 24 hours");

        Session session = createSession(
                ticketSession(1000, "usd", 1).setExpiresAt(now + 1800).build());
        assertThat(session.getExpiresAt()).isEqualTo(now + 1800);
    }

    @Test
    void missingAndUnknownParametersAreReportedWithTheirNames() {
        InvalidRequestException withoutLineItems = refused(() -> createSession(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .setSuccessUrl("https://example.com/ok")
                .build()));
        assertThat(withoutLineItems.getParam()).isEqualTo("line_items");

        InvalidRequestException unknownParameter = refused(() -> createSession(ticketSession(1000, "usd", 1)
                .putExtraParam("tickets_please", "yes")
                .build()));
        assertThat(unknownParameter.getCode()).isEqualTo("parameter_unknown");
        assertThat(unknownParameter.getParam()).isEqualTo("tickets_please");

        InvalidRequestException withoutUnitAmount = refused(() -> createSession(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .addLineItem(SessionCreateParams.LineItem.builder()
                        .setQuantity(1L)
                        .setPriceData(SessionCreateParams.LineItem.PriceData.builder()
                                .setCurrency("usd")
                                .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder()
                                        .setName("x")
                                        .build())
                                .build())
                        .build())
                .build()));
        assertThat(withoutUnitAmount.getParam()).isEqualTo("line_items[0][price_data][unit_amount]");
    }

    @Test
    void returnUrlsMustBeAbsoluteHttpUrls() {
        InvalidRequestException refusal = refused(() -> createSession(ticketSession(1000, "usd", 1)
                .setSuccessUrl("/payment/success")
                .build()));
        assertThat(refusal.getCode()).isEqualTo("url_invalid");
        assertThat(refusal.getParam()).isEqualTo("success_url");
    }

    @Test
    void unknownSessionIsResourceMissing() {
        InvalidRequestException refusal = refused(() -> retrieveSession("cs_test_nope"));
        assertThat(refusal.getStatusCode()).isEqualTo(404);
        assertThat(refusal.getCode()).isEqualTo("resource_missing");
        assertThat(refusal.getMessage()).contains("No such checkout.session: 'cs_test_nope'");
    }

    @Test
    void expireClosesAnOpenSessionOnlyOnceAndSendsCheckoutSessionExpired() throws Exception {
        Session session = openSession(1000);

        Session expired = stripe.v1().checkout().sessions().expire(session.getId());

        assertThat(expired.getStatus()).isEqualTo("expired");
        assertThat(expired.getUrl()).isNull();
        assertThat(expired.getPaymentStatus()).isEqualTo("unpaid");
        InvalidRequestException refusal = refused(() -> stripe.v1().checkout().sessions().expire(session.getId()));
        assertThat(refusal.getStatusCode()).isEqualTo(400);
        assertThat(refusal.getMessage()).contains("status of \"expired\"");
        assertReceivedOnce("checkout.session.expired", event -> {
            Session data = dataOf(event, Session.class);
            assertThat(data.getId()).isEqualTo(session.getId());
            assertThat(data.getMetadata()).containsEntry("ticket_id", "31");
            assertThat(event.getRequest().getIdempotencyKey()).isNotBlank();
        });
    }

    @Test
    void sessionsPastExpiresAtExpireByThemselvesWhenTheClockMoves() throws Exception {
        long now = sandbox.clock().epochSecond();
        Session session = createSession(
                ticketSession(1000, "usd", 1).setExpiresAt(now + 1800).build());
        Session other = openSession(1000);

        sandbox.advanceClock(Duration.ofMinutes(31));

        assertThat(retrieveSession(session.getId()).getStatus())
                .isEqualTo("expired");
        assertThat(retrieveSession(other.getId()).getStatus())
                .isEqualTo("open");
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(receiver.events(SECRET, "checkout.session.expired"))
                        .extracting(e -> (dataOf(e, Session.class)).getId())
                        .containsExactly(session.getId()));
        assertThat(receiver.events(SECRET, "checkout.session.expired")
                        .get(0)
                        .getRequest()
                        .getId())
                .isNull();
    }

    /** The "done when": create with stripe-java, pay 4242 on the page, get a verified webhook. */
    @Test
    void sessionPaidOnItsPageSendsAVerifiableCheckoutSessionCompleted() throws Exception {
        Session session = createSession(ticketSession(2500, "usd", 2)
                .setPaymentIntentData(SessionCreateParams.PaymentIntentData.builder()
                        .putMetadata("ticket_id", "31")
                        .putMetadata("order_id", "o-7")
                        .build())
                .build());

        var paid = payOnPage(session.getUrl(), "4242 4242 4242 4242");

        assertThat(paid.statusCode()).isEqualTo(303);
        assertThat(paid.headers().firstValue("Location")).hasValue(session.getSuccessUrl());
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(receiver.events(SECRET, "checkout.session.completed"))
                        .hasSize(1));
        Event event = receiver.events(SECRET, "checkout.session.completed").get(0);
        assertThat(event.getId()).startsWith("evt_");
        assertThat(event.getApiVersion()).isEqualTo(com.stripe.Stripe.API_VERSION);
        assertThat(event.getLivemode()).isFalse();
        Session completed = dataOf(event, Session.class);
        assertThat(completed.getId()).isEqualTo(session.getId());
        assertThat(completed.getStatus()).isEqualTo("complete");
        assertThat(completed.getPaymentStatus()).isEqualTo("paid");
        assertThat(completed.getClientReferenceId()).isEqualTo("31");
        assertThat(completed.getMetadata()).containsEntry("ticket_id", "31");
        assertThat(completed.getCustomerDetails().getEmail()).isEqualTo("alice@example.com");
        assertThat(completed.getPaymentIntent()).startsWith("pi_");

        PaymentIntent intent = stripe.v1()
                .paymentIntents()
                .retrieve(
                        completed.getPaymentIntent(),
                        PaymentIntentRetrieveParams.builder()
                                .addExpand("latest_charge")
                                .build());
        assertThat(intent.getStatus()).isEqualTo("succeeded");
        assertThat(intent.getAmount()).isEqualTo(5000L);
        assertThat(intent.getAmountReceived()).isEqualTo(5000L);
        assertThat(intent.getMetadata()).containsEntry("ticket_id", "31").containsEntry("order_id", "o-7");
        assertThat(intent.getClientSecret()).startsWith(intent.getId() + "_secret_");
        Charge charge = intent.getLatestChargeObject();
        assertThat(charge.getId()).startsWith("ch_");
        assertThat(charge.getPaid()).isTrue();
        assertThat(charge.getPaymentMethodDetails().getCard().getLast4()).isEqualTo("4242");

        Session retrieved = retrieveSession(session.getId());
        assertThat(retrieved.getStatus()).isEqualTo("complete");
        assertThat(retrieved.getUrl()).isNull();
        assertThatThrownBy(() -> stripe.v1().checkout().sessions().expire(session.getId()))
                .isInstanceOf(InvalidRequestException.class);
        assertReceivedOnce("payment_intent.succeeded", e -> assertThat((dataOf(e, PaymentIntent.class)).getMetadata())
                .containsEntry("order_id", "o-7"));
    }

    @Test
    void listFindsTheSessionOfAPaymentIntent() throws Exception {
        Session session = openSession(1000);
        openSession(1000);
        payOnPage(session.getUrl(), "4242424242424242");
        String intentId = retrieveSession(session.getId()).getPaymentIntent();

        var found = stripe.v1()
                .checkout()
                .sessions()
                .list(SessionListParams.builder().setPaymentIntent(intentId).build());

        assertThat(found.getData()).extracting(Session::getId).containsExactly(session.getId());
        assertThat(stripe.v1().checkout().sessions().list().getData()).hasSize(2);
    }
}
