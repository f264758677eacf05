package dev.ticketpay.localstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static dev.ticketpay.localstack.RunningStack.createEvent;
import static dev.ticketpay.localstack.RunningStack.JSON;
import static dev.ticketpay.localstack.RunningStack.get;
import static dev.ticketpay.localstack.RunningStack.metricValue;
import static dev.ticketpay.localstack.RunningStack.payOnCheckoutPage;
import static dev.ticketpay.localstack.RunningStack.post;
import static dev.ticketpay.localstack.RunningStack.scrape;
import static dev.ticketpay.localstack.RunningStack.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What operators see of a real purchase, every service a process of its own: one trace across the gateway,
 * ticket-service, Kafka and payment-service (spans exported over OTLP to an in-test receiver), the business
 * counters on each service's {@code /actuator/prometheus}, and the gateway's metrics on its management port only.
 */
class ObservabilityIntegrationTests extends StackJourney {

    static final HttpClient http = HttpClient.newHttpClient();

    @Test
    void onePaidPurchaseIsOneTraceAcrossTheGatewayTicketServiceKafkaAndPaymentService() throws Exception {
        long event = paidEvent(5);
        String buyer = token("traced-" + UUID.randomUUID(), "user");
        String traceId = HexFormat.of().formatHex(randomBytes(16));
        String rootSpan = HexFormat.of().formatHex(randomBytes(8));

        // the buyer's browser starts the trace (as OpenTelemetry's browser instrumentation does)
        var request = HttpRequest.newBuilder(URI.create(gateway + "/api/payments/create-payment-intent/"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + buyer)
                .header("traceparent", "00-" + traceId + "-" + rootSpan + "-01")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        Map.of("event_id", event, "quantity", 1)))).build();
        var created = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        assertThat(JSON.readTree(created.body()).get("checkout_url").asString()).isNotBlank();

        // the answer needed the checkout session, so the whole round trip is in the trace: through the outbox and
        // Kafka to payment-service, its Stripe call, and back through Kafka to ticket-service
        var expected = Set.of("tickets.v1 publish", "tickets.v1 process", "stripe POST /v1/checkout/sessions",
                "payments.v1 publish", "payments.v1 process");
        var trace = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> RunningStack.spans().stream().filter(span -> span.traceId().equals(traceId)).toList(),
                        spans -> spans.stream().map(SpanReceiver.ReceivedSpan::name).collect(Collectors.toSet())
                                .containsAll(expected)
                                && spans.stream().map(SpanReceiver.ReceivedSpan::service).collect(Collectors.toSet())
                                        .containsAll(Set.of("gateway", "ticket-service", "payment-service")));

        assertThat(trace).extracting(SpanReceiver.ReceivedSpan::service)
                .contains("gateway", "ticket-service", "payment-service");
        // one tree: every span's parent is the browser's span or another span of the trace
        var ids = trace.stream().map(SpanReceiver.ReceivedSpan::spanId).collect(Collectors.toSet());
        assertThat(trace).allSatisfy(span -> assertThat(span.parentSpanId()).as(span.toString())
                .isIn(concat(ids, rootSpan)));
        assertThat(trace).filteredOn(span -> span.parentSpanId().equals(rootSpan))
                .singleElement().satisfies(span -> assertThat(span.service()).isEqualTo("gateway"));
        // each hop is the child of the one before it
        assertThat(parentOf(trace, "tickets.v1 process").name()).isEqualTo("tickets.v1 publish");
        assertThat(parentOf(trace, "tickets.v1 publish").service()).isEqualTo("ticket-service");
        assertThat(parentOf(trace, "stripe POST /v1/checkout/sessions").name()).isEqualTo("tickets.v1 process");
        assertThat(parentOf(trace, "payments.v1 process").name()).isEqualTo("payments.v1 publish");
        assertThat(byName(trace, "payments.v1 process").service()).isEqualTo("ticket-service");

        // the log lines written inside the trace carry its ids: in the reactive chain of the request (the outbox row)
        // and on the consumer's thread, in the plain text and in the JSON (ECS) form
        assertThat(logLinesWith(traceId, "ticket-service", false))
                .anyMatch(line -> line.contains("Appending ticketpay.ticket.reserved.v1"));
        assertThat(logLinesWith(traceId, "payment-service", false))
                .anyMatch(line -> line.contains("Processing ticketpay.ticket.reserved.v1"));
        assertThat(logLinesWith(traceId, "ticket-service", true)).anySatisfy(line -> {
            var entry = JSON.readTree(line);
            assertThat(entry.get("traceId").asString()).isEqualTo(traceId);
            assertThat(entry.get("spanId").asString()).matches("[0-9a-f]{16}");
            assertThat(entry.get("message").asString()).startsWith("Appending ticketpay.ticket.reserved.v1");
        });
    }

    /** The lines of the logs of {@code service}'s processes, JSON or plain text, naming the trace. */
    private static List<String> logLinesWith(String traceId, String service, boolean json) throws Exception {
        var lines = new java.util.ArrayList<String>();
        for (var file : RunningStack.logFiles(service)) {
            if (RunningStack.isJsonLog(file) == json) {
                RunningStack.logLines(file).stream().filter(line -> line.contains(traceId)).forEach(lines::add);
            }
        }
        return lines;
    }

    @Test
    void aPurchaseMovesTheBusinessCountersEveryServiceServesToPrometheus() {
        var before = scrapeAll();
        long event = paidEvent(5);
        String buyer = token("counted-" + UUID.randomUUID(), "user");
        var created = post(gateway + "/api/payments/create-payment-intent/", buyer, Map.of("event_id", event,
                "quantity", 1));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        var body = created.json();
        assertThat(payOnCheckoutPage(body.get("checkout_url").asString(), "4242424242424242").status())
                .isEqualTo(303);
        await().atMost(Duration.ofSeconds(30)).until(() -> post(gateway + "/api/payments/verify/", buyer,
                Map.of("session_id", body.get("session_id").asString(), "ticket_id", body.get("ticket_id").asLong()))
                .status() == 200);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            var after = scrapeAll();
            assertThat(moved(before, after, "ticket-service", "ticketpay_tickets_reserved_total{channel=\"checkout\""))
                    .isPositive();
            assertThat(moved(before, after, "ticket-service", "ticketpay_tickets_sold_total{channel=\"checkout\""))
                    .isPositive();
            assertThat(moved(before, after, "payment-service",
                    "ticketpay_payments_total{channel=\"checkout\",outcome=\"succeeded\"")).isPositive();
            assertThat(moved(before, after, "payment-service",
                    "ticketpay_stripe_requests_seconds_count{endpoint=\"POST /v1/checkout/sessions\",error=\"none\","
                            + "outcome=\"ok\"")).isPositive();
            assertThat(moved(before, after, "payment-service",
                    "ticketpay_webhook_processing_seconds_count{type=\"checkout.session.completed\"")).isPositive();
            assertThat(moved(before, after, "payment-service",
                    "ticketpay_events_consumed_seconds_count{error=\"none\",topic=\"tickets.v1\","
                            + "type=\"ticketpay.ticket.reserved.v1\"")).isPositive();
            assertThat(moved(before, after, "qr-service",
                    "ticketpay_events_consumed_seconds_count{error=\"none\",topic=\"tickets.v1\","
                            + "type=\"ticketpay.ticket.confirmed.v1\"")).isPositive();
            assertThat(moved(before, after, "gateway",
                    "ticketpay_gateway_requests_total{route=\"ticket-service\",status=\"200\"")).isPositive();
        });
        // the figures read by the jobs: outbox, dead letters and consumer lag
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
            var consumed = Map.of("ticket-service-1", "payments.v1", "payment-service", "tickets.v1",
                    "qr-service", "tickets.v1");
            consumed.forEach((service, topic) -> assertThat(scrape(stack.prometheusUrls().get(service))).as(service)
                    .containsPattern("(?m)^ticketpay_outbox_backlog\\{[^}]*} \\d")
                    .containsPattern("(?m)^ticketpay_outbox_oldest_unpublished_seconds\\{[^}]*} \\d")
                    .containsPattern("(?m)^ticketpay_consumer_lag\\{[^}]*topic=\"" + Pattern.quote(topic)
                            + "\"[^}]*} \\d"));
        });
    }

    @Test
    void theGatewayServesMetricsOnItsManagementPortAndOnlyHealthOnThePublicOne() {
        assertThat(scrape(stack.gatewayManagementUrl() + "/actuator/prometheus"))
                .contains("ticketpay_gateway_requests_total", "jvm_memory_used_bytes");
        assertThat(get(gateway + "/actuator/health", null).status()).isEqualTo(200);
        assertThat(get(gateway + "/actuator/health/readiness", null).status()).isEqualTo(200);
        String admin = token("metrics-admin", "admin");
        for (String endpoint : List.of("prometheus", "metrics", "env", "info", "loggers")) {
            assertThat(get(gateway + "/actuator/" + endpoint, admin).status()).as(endpoint).isBetween(400, 499);
        }
    }

    private static SpanReceiver.ReceivedSpan byName(List<SpanReceiver.ReceivedSpan> trace, String name) {
        return trace.stream().filter(span -> span.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no span " + name + " in " + trace));
    }

    private static SpanReceiver.ReceivedSpan parentOf(List<SpanReceiver.ReceivedSpan> trace, String name) {
        var child = byName(trace, name);
        return trace.stream().filter(span -> span.spanId().equals(child.parentSpanId())).findFirst()
                .orElseThrow(() -> new AssertionError("no parent of " + child + " in " + trace));
    }

    private static Set<String> concat(Set<String> ids, String more) {
        var all = new java.util.HashSet<>(ids);
        all.add(more);
        return all;
    }

    private static byte[] randomBytes(int size) {
        var bytes = new byte[size];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    /** Every process's scrape, by process name. */
    private static Map<String, String> scrapeAll() {
        return stack.prometheusUrls().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> scrape(entry.getValue())));
    }

    /**
     * How much the series starting with {@code series} (name and first labels) grew between the two scrapes,
     * summed over the processes whose name starts with {@code service} (both ticket-service instances).
     */
    private static double moved(Map<String, String> before, Map<String, String> after, String service,
            String series) {
        double grown = 0;
        for (var entry : after.entrySet()) {
            if (entry.getKey().startsWith(service)) {
                grown += metricValue(entry.getValue(), series)
                        - metricValue(before.getOrDefault(entry.getKey(), ""), series);
            }
        }
        return grown;
    }

    private static long paidEvent(int capacity) {
        return createEvent("Observed Night", capacity, 4500);
    }
}
