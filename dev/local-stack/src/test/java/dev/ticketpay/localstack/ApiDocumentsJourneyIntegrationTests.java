package dev.ticketpay.localstack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.ticketpay.localstack.RunningStack.get;
import static dev.ticketpay.localstack.RunningStack.send;
import static dev.ticketpay.localstack.RunningStack.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway's combined OpenAPI document made of the real services' documents: every route of the two seeds is in
 * it, nothing internal, and every documented operation, called through the gateway, exists and answers one of its
 * documented status codes in its documented error shape.
 */
class ApiDocumentsJourneyIntegrationTests {

    static final Set<String> SEED_ROUTES = Set.of("POST /api/payments/create-payment-intent/",
            "POST /api/payments/verify/", "POST /api/payments/cancel/", "POST /api/v1/payments/intent",
            "POST /api/v1/payments/webhook", "GET /api/v1/payments/{paymentId}");

    final String gateway = RunningStack.shared().gatewayUrl();

    /** The combined document once every service answered (a cold service may miss the first round). */
    JsonNode combined() {
        return await().atMost(Duration.ofSeconds(60)).until(() -> {
            var answer = get(gateway + "/v3/api-docs", null);
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            return answer.json();
        }, document -> !document.has("x-unavailable-services"));
    }

    @Test
    void combinesTheSeedsRoutesFromEveryServiceAndNothingInternal() {
        var document = combined();
        var routes = new TreeSet<String>();
        for (var path : document.path("paths").properties()) {
            path.getValue().propertyNames().forEach(method -> routes.add(method.toUpperCase() + " " + path.getKey()));
        }
        assertThat(routes).containsAll(SEED_ROUTES)
                .contains("GET /api/events", "POST /api/v1/orders", "GET /api/tickets/{ticketId}/qr",
                        "POST /api/check-ins", "GET /api/qr/public-key")
                .noneMatch(route -> route.contains("/internal/"));
    }

    @Test
    void everyDocumentedOperationExistsAndAnswersAsDocumented() {
        var document = combined();
        assertThat(document.path("paths").size()).isGreaterThan(10);
        String admin = token("docs-admin", "admin");
        List<String> wrong = new ArrayList<>();
        for (var path : document.path("paths").properties()) {
            String url = gateway + path.getKey().replaceAll("\\{paymentId}|\\{orderId}",
                    "660e8400-e29b-41d4-a716-446655440000").replaceAll("\\{[^}]+}", "999999");
            for (var operation : path.getValue().properties()) {
                String method = operation.getKey().toUpperCase();
                var answer = method.equals("GET") ? get(url, admin)
                        : send(method, url, admin, "application/json", "{}");
                var documented = operation.getValue().path("responses");
                if (!documented.has(Integer.toString(answer.status()))) {
                    wrong.add(method + " " + path.getKey() + " answered " + answer.status() + " " + answer.body());
                }
                else if (answer.status() >= 400) {
                    boolean v1 = path.getKey().startsWith("/api/v1/");
                    boolean shaped = v1 ? answer.json().path("status").asString("").equals("error")
                            && answer.json().has("code") : answer.json().has("detail");
                    if (!shaped) {
                        wrong.add(method + " " + path.getKey() + " answered in another shape: " + answer.body());
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
    }
}
