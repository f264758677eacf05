package dev.ticketpay.sandbox.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.stripe.model.Charge;
import com.stripe.model.Dispute;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.model.StripeObject;
import com.stripe.model.checkout.Session;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Events on demand, like {@code stripe trigger}: each one arrives signed at the endpoints, its object changed as
 * in Stripe; and an event sent again.
 */
class StripeSandboxTriggerTests extends SandboxFixture {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private HttpResponse<String> control(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(sandbox.apiBase() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    private List<Event> delivered(String type) {
        return await().atMost(Duration.ofSeconds(5))
                .until(() -> receiver.events(SECRET, type), events -> !events.isEmpty());
    }

    /** The object of the first {@code type} event the endpoint received, as payment-service reads it. */
    private <T extends StripeObject> T firstDelivered(String type, Class<T> objectType) {
        return dataOf(delivered(type).getFirst(), objectType);
    }

    @Test
    void asyncPaymentSucceededCompletesAndPaysAnOpenSession() throws Exception {
        Session session = createSession(ticketSession(4500, "jpy", 1).build());

        var answer = control(
                "/_sandbox/triggers",
                "{\"event\":\"checkout.session.async_payment_succeeded\",\"object\":\"" + session.getId() + "\"}");

        assertThat(answer.statusCode()).isEqualTo(201);
        JsonNode event = JSON.readTree(answer.body());
        assertThat(event.get("type").asString()).isEqualTo("checkout.session.async_payment_succeeded");
        Event received = delivered("checkout.session.async_payment_succeeded").getFirst();
        assertThat(received.getId()).isEqualTo(event.get("id").asString());
        Session paid = dataOf(received, Session.class);
        assertThat(paid.getId()).isEqualTo(session.getId());
        assertThat(paid.getPaymentStatus()).isEqualTo("paid");
        assertThat(receiver.events(SECRET, "checkout.session.completed"))
                .singleElement()
                .satisfies(completed -> assertThat(dataOf(completed, Session.class).getPaymentStatus())
                        .isEqualTo("unpaid"));
        assertThat(stripe.v1()
                        .paymentIntents()
                        .retrieve(paid.getPaymentIntent())
                        .getStatus())
                .isEqualTo("succeeded");
    }

    @Test
    void asyncPaymentFailedLeavesAFreshSessionUnpaid() {
        sandbox.trigger("checkout.session.async_payment_failed", null);

        Session failed = firstDelivered("checkout.session.async_payment_failed", Session.class);
        assertThat(failed.getStatus()).isEqualTo("complete");
        assertThat(failed.getPaymentStatus()).isEqualTo("unpaid");
    }

    @Test
    void processingMovesAnUnpaidIntent() throws Exception {
        PaymentIntent intent = unpaidIntent(3000L, "jpy");

        sandbox.trigger("payment_intent.processing", intent.getId());

        PaymentIntent processing = firstDelivered("payment_intent.processing", PaymentIntent.class);
        assertThat(processing.getId()).isEqualTo(intent.getId());
        assertThat(processing.getStatus()).isEqualTo("processing");
    }

    @Test
    void refundedAndDisputeCreatedTakeAPaidSessionsCharge() throws Exception {
        Session session = createSession(ticketSession(2000, "jpy", 1).build());
        payOnPage(session.getUrl(), "4242424242424242");
        String intent = retrieveSession(session.getId()).getPaymentIntent();

        sandbox.trigger("charge.refunded", session.getId());
        sandbox.trigger("charge.dispute.created", null);

        Charge refunded = firstDelivered("charge.refunded", Charge.class);
        assertThat(refunded.getPaymentIntent()).isEqualTo(intent);
        assertThat(refunded.getAmountRefunded()).isEqualTo(2000);
        Dispute dispute = firstDelivered("charge.dispute.created", Dispute.class);
        assertThat(dispute.getPaymentIntent()).isNotEqualTo(intent).startsWith("pi_");
    }

    @Test
    void anEventIsSentAgainWithTheSameIdAndBody() {
        String id = sandbox.trigger("charge.refunded", null);
        delivered("charge.refunded");

        var answer = control("/_sandbox/events/resend", "{\"event\":\"" + id + "\"}");

        assertThat(answer.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> receiver.events(SECRET, "charge.refunded").size() == 2);
        var deliveries = receiver.deliveries().stream()
                .filter(d -> d.payload().contains(id))
                .toList();
        assertThat(deliveries).hasSize(2);
        assertThat(deliveries.get(0).payload()).isEqualTo(deliveries.get(1).payload());
    }

    @Test
    void badTriggersAreRefusedWithTheReason() {
        var unknown = control("/_sandbox/triggers", "{\"event\":\"invoice.paid\"}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("charge.dispute.created");
        var unpaid = control("/_sandbox/triggers", "{\"event\":\"charge.refunded\",\"object\":\"pi_nothing\"}");
        assertThat(unpaid.statusCode()).isEqualTo(400);
        assertThat(control("/_sandbox/events/resend", "{\"event\":\"evt_nothing\"}")
                        .statusCode())
                .isEqualTo(400);
    }
}
