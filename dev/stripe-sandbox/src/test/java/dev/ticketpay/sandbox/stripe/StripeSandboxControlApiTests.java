package dev.ticketpay.sandbox.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.stripe.exception.ApiException;
import com.stripe.model.checkout.Session;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The same controls over HTTP, for end-to-end tests that run the sandbox in another JVM. */
class StripeSandboxControlApiTests extends SandboxFixture {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private HttpResponse<String> control(String method, String path, String json) {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(sandbox.apiBase() + path)).header("Content-Type", "application/json");
        b = json == null
                ? b.method(method, HttpRequest.BodyPublishers.noBody())
                : b.method(method, HttpRequest.BodyPublishers.ofString(json));
        return send(b.build());
    }

    private JsonNode body(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    @Test
    void healthReportsTheApiVersion() {
        var health = control("GET", "/_sandbox/health", null);

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(body(health).get("api_version").asString()).isEqualTo(com.stripe.Stripe.API_VERSION);
    }

    @Test
    void webhookEndpointsCanBeAddedListedAndRemoved() throws Exception {
        try (WebhookReceiver second = WebhookReceiver.start()) {
            var added = control("POST", "/_sandbox/webhook_endpoints", "{\"url\":\"" + second.url() + "\"}");
            assertThat(added.statusCode()).isEqualTo(201);
            assertThat(body(control("GET", "/_sandbox/webhook_endpoints", null))
                            .get("data")
                            .toString())
                    .contains(second.url(), receiver.url());

            Session session = openSession(1000);
            payOnPage(session.getUrl(), "4242424242424242");
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> second.deliveries().size() == 2);

            var deliveries = body(control("GET", "/_sandbox/deliveries?type=checkout.session.completed", null))
                    .get("data");
            assertThat(deliveries.size()).isEqualTo(2);
            assertThat(deliveries.get(0).get("succeeded").asBoolean()).isTrue();
            assertThat(deliveries.get(0).get("event_id").asString()).startsWith("evt_");

            var removed = send(HttpRequest.newBuilder(URI.create(sandbox.apiBase() + "/_sandbox/webhook_endpoints?url="
                            + java.net.URLEncoder.encode(second.url(), java.nio.charset.StandardCharsets.UTF_8)))
                    .DELETE()
                    .build());
            assertThat(removed.statusCode()).isEqualTo(200);
            assertThat(sandbox.webhookEndpoints()).containsExactly(receiver.url());
        }
        assertThat(control("POST", "/_sandbox/webhook_endpoints", "{\"url\":\"not a url\"}")
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void faultsCanBeSwitchedOnAndCleared() {
        var injected = control(
                "POST",
                "/_sandbox/faults",
                "{\"kind\":\"server_error\",\"times\":2,\"method\":\"GET\",\"path\":\"/v1/events\"}");
        assertThat(injected.statusCode()).isEqualTo(201);
        assertThat(sandbox.faults().pending()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(HttpFault.Kind.SERVER_ERROR);
            assertThat(f.path()).isEqualTo("/v1/events");
        });
        assertThatThrownBy(() -> stripe.v1().events().list()).isInstanceOf(ApiException.class);

        assertThat(control("DELETE", "/_sandbox/faults", null).statusCode()).isEqualTo(200);
        assertThat(sandbox.faults().pending()).isEmpty();
        assertThat(control("POST", "/_sandbox/faults", "{\"kind\":\"explode\"}").statusCode())
                .isEqualTo(400);
        assertThat(control("POST", "/_sandbox/faults/webhooks", "{\"mode\":\"duplicate\",\"events\":1}")
                        .statusCode())
                .isEqualTo(201);
    }

    @Test
    void clockAdvanceExpiresSessions() throws Exception {
        Session session = createSession(ticketSession(1000, "usd", 1)
                .setExpiresAt(sandbox.clock().epochSecond() + 1800)
                .build());
        long before = body(control("GET", "/_sandbox/clock", null)).get("now").asLong();

        var advanced = control("POST", "/_sandbox/clock/advance", "{\"seconds\":1900}");

        assertThat(advanced.statusCode()).isEqualTo(200);
        assertThat(body(advanced).get("now").asLong()).isGreaterThanOrEqualTo(before + 1900);
        assertThat(body(advanced).get("offset_seconds").asLong()).isEqualTo(1900);
        assertThat(retrieveSession(session.getId()).getStatus())
                .isEqualTo("expired");
    }

    @Test
    void formEncodedControlBodiesWorkToo() {
        var response = postForm(sandbox.apiBase() + "/_sandbox/clock/advance", Map.of("seconds", "60"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(sandbox.clock().offset()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void mainReadsItsSettingsFromTheEnvironment() {
        StripeSandboxSettings defaults = StripeSandboxMain.settingsFrom(Map.of());
        assertThat(defaults.port()).isEqualTo(12111);
        assertThat(defaults.webhookSecret()).startsWith("whsec_");
        assertThat(defaults.webhookEndpoints()).isEmpty();

        StripeSandboxSettings configured = StripeSandboxMain.settingsFrom(Map.of(
                "STRIPE_SANDBOX_PORT", "0",
                "STRIPE_WEBHOOK_SECRET", "whsec_fromEnv",
                "STRIPE_SANDBOX_WEBHOOK_ENDPOINTS",
                        "http://localhost:8082/api/v1/payments/webhook, http://localhost:9999/hook",
                "STRIPE_SANDBOX_PUBLIC_URL", "http://stripe.local:12111/"));
        assertThat(configured.port()).isZero();
        assertThat(configured.webhookSecret()).isEqualTo("whsec_fromEnv");
        assertThat(configured.webhookEndpoints())
                .containsExactly("http://localhost:8082/api/v1/payments/webhook", "http://localhost:9999/hook");
        assertThat(configured.publicBaseUrl()).isEqualTo("http://stripe.local:12111");

        try (StripeSandbox other = StripeSandbox.start(configured)) {
            assertThat(other.port()).isPositive();
            assertThat(other.webhookEndpoints()).hasSize(2);
        }
        assertThatThrownBy(() -> StripeSandboxMain.settingsFrom(Map.of("STRIPE_WEBHOOK_SECRET", "nope")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
