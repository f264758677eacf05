package dev.ticketpay.sandbox.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.model.checkout.Session;
import com.stripe.net.Webhook;
import com.stripe.param.EventListParams;
import com.stripe.param.PaymentIntentCreateParams;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StripeSandboxWebhookTests extends SandboxFixture {

    @Override
    protected StripeSandboxSettings.Builder customize(StripeSandboxSettings.Builder settings) {
        return settings.webhookTimeout(Duration.ofSeconds(1)).webhookMaxAttempts(4);
    }

    private PaymentIntent paidIntent() throws Exception {
        return createIntent(PaymentIntentCreateParams.builder()
                .setAmount(1200L)
                .setCurrency("usd")
                .putMetadata("order_id", "o1")
                .setPaymentMethod("pm_card_visa")
                .setConfirm(true)
                .build());
    }

    @Test
    void deliveriesAreSignedWithStripesSchemeAndLookLikeStripes() throws Exception {
        paidIntent();

        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.deliveries().size() == 1);
        WebhookReceiver.Delivery d = receiver.deliveries().get(0);
        assertThat(d.signature()).matches("t=\\d+,v1=[0-9a-f]{64}");
        assertThat(d.contentType()).startsWith("application/json");
        assertThat(d.userAgent()).startsWith("Stripe/1.0");
        Event event = Webhook.constructEvent(d.payload(), d.signature(), SECRET);
        assertThat(event.getObject()).isEqualTo("event");
        assertThat(event.getPendingWebhooks()).isEqualTo(1L);
        assertThat(event.getRequest().getIdempotencyKey()).isNotBlank();
        assertThatThrownBy(() -> Webhook.constructEvent(d.payload(), d.signature(), "whsec_other"))
                .isInstanceOf(SignatureVerificationException.class);
        assertThatThrownBy(() -> Webhook.constructEvent(d.payload().replace("o1", "o2"), d.signature(), SECRET))
                .isInstanceOf(SignatureVerificationException.class);
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(listEvents(EventListParams.builder()
                                .setDeliverySuccess(true)
                                .build())
                                .getData())
                        .singleElement()
                        .satisfies(e -> assertThat(e.getPendingWebhooks()).isZero()));
    }

    @Test
    void failedDeliveriesAreRetriedWithBackoffUntilTheEndpointAnswers2xx() throws Exception {
        receiver.failNext(2, 500);

        PaymentIntent intent = paidIntent();

        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.deliveries().size() == 3
                && sandbox.deliveries().size() == 3);
        List<WebhookDelivery> log = sandbox.deliveries();
        assertThat(log).extracting(WebhookDelivery::attempt).containsExactly(1, 2, 3);
        assertThat(log).extracting(WebhookDelivery::status).containsExactly(500, 500, 200);
        assertThat(log.get(2).succeeded()).isTrue();
        assertThat(Duration.between(log.get(1).attemptedAt(), log.get(2).attemptedAt()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(90));
        assertThat(receiver.events(SECRET))
                .extracting(e -> e.getDataObjectDeserializer().getObject().orElseThrow())
                .allSatisfy(o -> assertThat(((PaymentIntent) o).getId()).isEqualTo(intent.getId()));
        assertThat(receiver.deliveries())
                .extracting(WebhookReceiver.Delivery::payload)
                .containsOnly(receiver.deliveries().get(0).payload());
    }

    @Test
    void timeoutCountsAsAFailureAndIsRetried() throws Exception {
        receiver.stallNext(Duration.ofSeconds(3));

        paidIntent();

        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(sandbox.deliveries())
                        .anySatisfy(d -> assertThat(d.succeeded()).isTrue()));
        assertThat(sandbox.deliveries().get(0).succeeded()).isFalse();
        assertThat(sandbox.deliveries().get(0).error()).contains("timed out");
    }

    @Test
    void retriesStopAfterTheConfiguredNumberOfAttempts() throws Exception {
        receiver.failNext(10, 503);

        paidIntent();

        await().atMost(Duration.ofSeconds(5)).until(() -> sandbox.deliveries().size() == 4);
        await().during(Duration.ofMillis(600))
                .atMost(Duration.ofSeconds(2))
                .until(() -> sandbox.deliveries().size() == 4);
        assertThat(listEvents(EventListParams.builder()
                        .setDeliverySuccess(false)
                        .build())
                        .getData())
                .singleElement()
                .satisfies(e -> assertThat(e.getPendingWebhooks()).isEqualTo(1L));
    }

    @Test
    void endpointsAddedAtRuntimeReceiveLaterEvents() throws Exception {
        try (WebhookReceiver second = WebhookReceiver.start()) {
            sandbox.addWebhookEndpoint(second.url());

            Session session = openSession(1000);
            payOnPage(session.getUrl(), "4242424242424242");

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(second.events(SECRET))
                        .extracting(Event::getType)
                        .containsExactlyInAnyOrder("payment_intent.succeeded", "checkout.session.completed");
                assertThat(receiver.events(SECRET)).hasSize(2);
            });
            assertThat(second.events(SECRET, "checkout.session.completed")
                            .get(0)
                            .getPendingWebhooks())
                    .isEqualTo(2L);
            assertThat(sandbox.removeWebhookEndpoint(second.url())).isTrue();
        }
    }

    @Test
    void duplicateFaultDeliversTheSameEventTwice() throws Exception {
        sandbox.faults().duplicateWebhooks(1);

        paidIntent();

        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.deliveries().size() == 2);
        List<Event> events = receiver.events(SECRET);
        assertThat(events.get(0).getId()).isEqualTo(events.get(1).getId());
    }

    @Test
    void delayFaultHoldsDeliveriesBack() throws Exception {
        sandbox.faults().delayWebhooks(1, Duration.ofMillis(700));

        paidIntent();

        await().during(Duration.ofMillis(400))
                .atMost(Duration.ofSeconds(1))
                .until(() -> receiver.deliveries().isEmpty());
        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.deliveries().size() == 1);
    }

    @Test
    void reorderFaultDeliversEventsNewestFirst() throws Exception {
        sandbox.faults().reorderWebhooks(2);
        Session session = openSession(1000);

        payOnPage(session.getUrl(), "4242424242424242");

        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.deliveries().size() == 2
                && sandbox.deliveries().size() == 2);
        List<WebhookDelivery> log = sandbox.deliveries();
        assertThat(log.get(0).eventType()).isEqualTo("checkout.session.completed");
        assertThat(log.get(1).eventType()).isEqualTo("payment_intent.succeeded");
    }

    @Test
    void shuffleFaultDeliversEveryCopyOnItsOwnInSomeOrder() throws Exception {
        sandbox.faults().duplicateWebhooks(2, 5).shuffleWebhooks(2, Duration.ofSeconds(2));
        Session session = openSession(1000);

        payOnPage(session.getUrl(), "4242424242424242");

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.deliveries().size() == 10
                && sandbox.deliveries().size() == 10);
        List<WebhookDelivery> log = sandbox.deliveries();
        assertThat(log)
                .extracting(WebhookDelivery::eventType)
                .filteredOn("checkout.session.completed"::equals)
                .hasSize(5);
        assertThat(log)
                .extracting(WebhookDelivery::eventType)
                .filteredOn("payment_intent.succeeded"::equals)
                .hasSize(5);
        assertThat(log.stream().map(WebhookDelivery::eventId).distinct())
                .as("copies keep their event id")
                .hasSize(2);
        assertThat(log)
                .extracting(WebhookDelivery::attempt)
                .as("each copy is a first attempt")
                .containsOnly(1);
    }

    @Test
    void eventsRaisedWithoutEndpointsStayListableForReconciliation() throws Exception {
        sandbox.removeWebhookEndpoint(receiver.url());

        PaymentIntent intent = paidIntent();

        Event event = listEvents(EventListParams.builder()
                .setType("payment_intent.succeeded")
                .build())
                .getData()
                .get(0);
        assertThat(event.getPendingWebhooks()).isZero();
        assertThat((dataOf(event, PaymentIntent.class)).getId()).isEqualTo(intent.getId());
        assertThat(sandbox.deliveries()).isEmpty();
    }
}
