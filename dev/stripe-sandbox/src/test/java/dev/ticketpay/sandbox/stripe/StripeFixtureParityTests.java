package dev.ticketpay.sandbox.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.stripe.Stripe;
import com.stripe.model.Charge;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Plan;
import com.stripe.model.Refund;
import com.stripe.model.StripeObject;
import com.stripe.model.checkout.Session;
import com.stripe.net.ApiResource;
import com.stripe.net.Webhook;
import com.stripe.param.EventListParams;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.checkout.SessionCreateParams;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Stripe's own example objects (../shared/stripe/fixtures.json) and the sandbox's objects must look
 * the same to stripe-java: the same top-level fields, the same classes, nothing lost in parsing.
 */
class StripeFixtureParityTests extends SandboxFixture {

    private JsonObject fixtures;

    @BeforeEach
    void loadFixtures() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/stripe-fixtures.json")) {
            fixtures = JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .getAsJsonObject();
        }
    }

    private JsonObject sandboxJson(String path) {
        var response = send(HttpRequest.newBuilder(URI.create(sandbox.apiBase() + path))
                .header("Authorization", "Bearer " + API_KEY)
                .GET()
                .build());
        assertThat(response.statusCode()).isEqualTo(200);
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }

    private record Objects(
            JsonObject session, JsonObject intent, JsonObject charge, JsonObject refund, JsonObject event) {}

    private Objects sandboxObjects() throws Exception {
        Session session = createSession(ticketSession(2000, "usd", 1)
                .setPaymentIntentData(SessionCreateParams.PaymentIntentData.builder()
                        .putMetadata("ticket_id", "31")
                        .build())
                .build());
        payOnPage(session.getUrl(), "4242424242424242");
        String intentId = retrieveSession(session.getId()).getPaymentIntent();
        PaymentIntent intent = stripe.v1().paymentIntents().retrieve(intentId);
        Refund refund = createRefund(RefundCreateParams.builder()
                .setPaymentIntent(intentId)
                .setAmount(500L)
                .build());
        String eventId = listEvents(EventListParams.builder()
                .setType("checkout.session.completed")
                .build())
                .getData()
                .get(0)
                .getId();
        return new Objects(
                sandboxJson("/v1/checkout/sessions/" + session.getId()),
                sandboxJson("/v1/payment_intents/" + intentId),
                sandboxJson("/v1/charges/" + intent.getLatestCharge()),
                sandboxJson("/v1/refunds/" + refund.getId()),
                sandboxJson("/v1/events/" + eventId));
    }

    @Test
    void sandboxObjectsHaveExactlyTheFieldsOfStripesFixtures() throws Exception {
        Objects mine = sandboxObjects();

        assertThat(mine.session().keySet())
                .containsExactlyInAnyOrderElementsOf(fixture("checkout.session").keySet());
        assertThat(mine.intent().keySet())
                .containsExactlyInAnyOrderElementsOf(fixture("payment_intent").keySet());
        assertThat(mine.charge().keySet())
                .containsExactlyInAnyOrderElementsOf(fixture("charge").keySet());
        assertThat(mine.refund().keySet())
                .containsExactlyInAnyOrderElementsOf(fixture("refund").keySet());
        assertThat(mine.event().keySet())
                .containsExactlyInAnyOrderElementsOf(fixture("event").keySet());
        assertThat(mine.event().getAsJsonObject("request").keySet())
                .containsExactlyInAnyOrderElementsOf(
                        fixture("event").getAsJsonObject("request").keySet());
        assertThat(mine.charge().getAsJsonObject("outcome").keySet())
                .containsExactlyInAnyOrderElementsOf(
                        fixture("charge").getAsJsonObject("outcome").keySet());
        assertThat(mine.charge().getAsJsonObject("billing_details").keySet())
                .containsExactlyInAnyOrderElementsOf(
                        fixture("charge").getAsJsonObject("billing_details").keySet());
        assertThat(mine.charge()
                        .getAsJsonObject("payment_method_details")
                        .getAsJsonObject("card")
                        .keySet())
                .containsAll(fixture("charge")
                        .getAsJsonObject("payment_method_details")
                        .getAsJsonObject("card")
                        .keySet());
        assertThat(mine.session().getAsJsonObject("customer_details").keySet())
                .containsExactlyInAnyOrderElementsOf(fixture("checkout.session")
                        .getAsJsonObject("customer_details")
                        .keySet());
        assertThat(mine.session().getAsJsonObject("total_details").keySet())
                .containsExactlyInAnyOrderElementsOf(fixture("checkout.session")
                        .getAsJsonObject("total_details")
                        .keySet());
    }

    @Test
    void sandboxAndFixtureObjectsParseToTheSameStripeJavaClassesWithoutLoss() throws Exception {
        Objects mine = sandboxObjects();

        assertParsesWithoutLoss(mine.session(), Session.class);
        assertParsesWithoutLoss(fixture("checkout.session"), Session.class);
        assertParsesWithoutLoss(mine.intent(), PaymentIntent.class);
        assertParsesWithoutLoss(fixture("payment_intent"), PaymentIntent.class);
        assertParsesWithoutLoss(mine.charge(), Charge.class);
        assertParsesWithoutLoss(fixture("charge"), Charge.class);
        assertParsesWithoutLoss(mine.refund(), Refund.class);
        assertParsesWithoutLoss(fixture("refund"), Refund.class);

        for (JsonObject json : new JsonObject[] {mine.session(), fixture("checkout.session")}) {
            Session s = ApiResource.GSON.fromJson(json, Session.class);
            assertThat(s.getId()).startsWith("cs_test_");
            assertThat(s.getObject()).isEqualTo("checkout.session");
            assertThat(s.getMode()).isEqualTo("payment");
            assertThat(s.getLivemode()).isFalse();
            assertThat(s.getMetadata()).isNotNull();
            assertThat(s.getPaymentIntent()).startsWith("pi_");
            assertThat(s.getCustomerDetails().getEmail()).contains("@");
            assertThat(s.getTotalDetails()).isNotNull();
        }
        for (JsonObject json : new JsonObject[] {mine.intent(), fixture("payment_intent")}) {
            PaymentIntent pi = ApiResource.GSON.fromJson(json, PaymentIntent.class);
            assertThat(pi.getId()).startsWith("pi_");
            assertThat(pi.getClientSecret()).startsWith(pi.getId() + "_secret_");
            assertThat(pi.getAmount()).isPositive();
            assertThat(pi.getPaymentMethodTypes()).contains("card");
        }
        for (JsonObject json : new JsonObject[] {mine.charge(), fixture("charge")}) {
            Charge c = ApiResource.GSON.fromJson(json, Charge.class);
            assertThat(c.getId()).startsWith("ch_");
            assertThat(c.getPaymentMethodDetails().getCard().getLast4()).isEqualTo("4242");
            assertThat(c.getOutcome()).isNotNull();
            assertThat(c.getRefunds().getObject()).isEqualTo("list");
        }
        for (JsonObject json : new JsonObject[] {mine.refund(), fixture("refund")}) {
            Refund r = ApiResource.GSON.fromJson(json, Refund.class);
            assertThat(r.getId()).startsWith("re_");
            assertThat(r.getCharge()).startsWith("ch_");
            assertThat(r.getStatus()).isEqualTo("succeeded");
        }
    }

    @Test
    void eventsOfBothKindsDeserializeTheirDataObject() throws Exception {
        Objects mine = sandboxObjects();
        Event sandboxEvent = ApiResource.GSON.fromJson(mine.event(), Event.class);
        JsonObject fixtureJson = fixture("event");
        // Stripe fills api_version in real events; stripe-java refuses data from another release train.
        fixtureJson.addProperty("api_version", Stripe.API_VERSION);
        Event fixtureEvent = ApiResource.GSON.fromJson(fixtureJson, Event.class);

        assertThat(sandboxEvent.getId()).startsWith("evt_");
        assertThat(sandboxEvent.getDataObjectDeserializer().getObject()).containsInstanceOf(Session.class);
        assertThat(fixtureEvent.getDataObjectDeserializer().getObject()).containsInstanceOf(Plan.class);
        assertThat(sandboxEvent.getRequest()).isNotNull();
        assertThat(fixtureEvent.getRequest()).isNotNull();
    }

    @Test
    void fixtureObjectsWorkAsSignedWebhookPayloads() throws Exception {
        for (Map.Entry<String, Class<? extends StripeObject>> kind : Map.<String, Class<? extends StripeObject>>of(
                        "checkout.session",
                        Session.class,
                        "payment_intent",
                        PaymentIntent.class,
                        "charge",
                        Charge.class)
                .entrySet()) {
            JsonObject event = fixture("event");
            event.addProperty("api_version", Stripe.API_VERSION);
            event.addProperty("type", kind.getKey() + ".test");
            event.getAsJsonObject("data").add("object", fixture(kind.getKey()));
            String payload = event.toString();
            String header = new dev.ticketpay.sandbox.stripe.webhook.WebhookSigner(SECRET)
                    .header(payload, java.time.Instant.now().getEpochSecond());

            Event parsed = Webhook.constructEvent(payload, header, SECRET);

            assertThat(parsed.getDataObjectDeserializer().getObject()).containsInstanceOf(kind.getValue());
            assertThat(header)
                    .isEqualTo(Webhook.Signature.generateSignatureHeader(
                            payload, SECRET, Long.parseLong(header.substring(2, header.indexOf(',')))));
        }
    }

    @Test
    void eventsCarryStripeJavasApiVersion() {
        assertThat(StripeSandbox.API_VERSION).isEqualTo(Stripe.API_VERSION);
    }

    private JsonObject fixture(String name) {
        return fixtures.getAsJsonObject(name).deepCopy();
    }

    /** Every non-null value in the JSON survives a parse and re-serialization by stripe-java. */
    private static void assertParsesWithoutLoss(JsonObject json, Class<? extends StripeObject> type) {
        StripeObject parsed = ApiResource.GSON.fromJson(json, type);
        JsonElement back = ApiResource.GSON.toJsonTree(parsed);
        Set<String> original = new TreeSet<>();
        leaves("", json, original);
        Set<String> reparsed = new TreeSet<>();
        leaves("", back, reparsed);
        assertThat(reparsed)
                .as("fields stripe-java kept of a %s", type.getSimpleName())
                .containsAll(original);
    }

    private static void leaves(String prefix, JsonElement element, Set<String> out) {
        if (element == null || element.isJsonNull()) {
            return;
        }
        if (element.isJsonObject()) {
            for (var e : element.getAsJsonObject().entrySet()) {
                leaves(prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else if (element.isJsonArray()) {
            int i = 0;
            for (JsonElement item : element.getAsJsonArray()) {
                leaves(prefix + "[" + i++ + "]", item, out);
            }
        } else {
            out.add(prefix + "=" + element.getAsJsonPrimitive().getAsString());
        }
    }
}
