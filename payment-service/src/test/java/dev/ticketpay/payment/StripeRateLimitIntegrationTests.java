package dev.ticketpay.payment;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.stripe.param.checkout.SessionListParams;
import dev.ticketpay.contracts.CheckoutSessionCreated;
import dev.ticketpay.contracts.PaymentCancelled;
import dev.ticketpay.contracts.PaymentFailed;
import dev.ticketpay.contracts.TicketCancelled;
import dev.ticketpay.contracts.TicketReserved;
import dev.ticketpay.contracts.Topics;
import dev.ticketpay.sandbox.stripe.ApiRequests.ApiRequest;
import dev.ticketpay.sandbox.stripe.HttpFault;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stripe's rate limits, judged where Stripe judges them: the sandbox logs every API request as it arrives, and no
 * second of that log may hold more than the configured rates ({@link #OVERALL_RATE} in all, {@link #ENDPOINT_RATE}
 * per endpoint). Above the rate, work waits its turn in arrival order; a buyer whose turn is too far gets 503 with
 * {@code Retry-After}; a 429 only delays.
 */
class StripeRateLimitIntegrationTests extends SagaIntegrationTest {

    /** Stripe counts {@code GET /v1/payment_intents/pi_1} and {@code …/pi_2} as one endpoint. */
    private static final Pattern ID = Pattern.compile("/(cs|pi|ch|re|evt|pm)_[A-Za-z0-9_]+");
    private static final HttpClient http = HttpClient.newHttpClient();

    @Test
    void sessionsIntentsAndExpiriesAllAtOnceStayWithinTheRatesAtStripeAndSessionsOpenInArrivalOrder()
            throws Exception {
        Instant from = Instant.now();
        var orders = new ArrayList<TicketReserved>();
        for (int i = 0; i < 12; i++) {
            var order = reservation("rin-" + i, 1500, TicketReserved.PAYMENT_INTENT);
            publish(order);
            orders.add(order);
        }
        var reservations = onOnePartition(30);
        reservations.forEach(this::publish);
        orders.forEach(this::awaitOrderKnown);

        var intents = orders.stream().map(this::askForIntent).toList();
        var cancelled = reservations.subList(0, 10);
        for (var ticket : cancelled) {
            awaitOne(ticket.ticketId(), CheckoutSessionCreated.class);
            publish(new TicketCancelled(ticket.ticketId(), ticket.orderId(), ticket.userId(), Instant.now()));
        }
        var sessions = reservations.stream()
                .map(ticket -> awaitOne(ticket.ticketId(), CheckoutSessionCreated.class).sessionId()).toList();
        cancelled.forEach(ticket -> awaitOne(ticket.ticketId(), PaymentCancelled.class));
        var answers = intents.stream().map(CompletableFuture::join).toList();
        Instant to = Instant.now();

        // a buyer is answered: the intent, or "busy, try again" when the queue is longer than the wait allowed
        assertThat(answers).extracting(HttpResponse::statusCode).allMatch(status -> status == 201 || status == 503)
                .contains(201);
        var requests = stripe.requests().since(from).stream().filter(r -> r.at().isBefore(to)).toList();
        assertThat(requests).hasSizeGreaterThanOrEqualTo(reservations.size() + cancelled.size() + 1);
        assertAtMostPerSecond(requests, OVERALL_RATE, "all endpoints");
        requests.stream().collect(Collectors.groupingBy(StripeRateLimitIntegrationTests::endpoint))
                .forEach((endpoint, calls) -> assertAtMostPerSecond(calls, ENDPOINT_RATE, endpoint));
        assertThat(sessionsInCreationOrder(sessions)).isEqualTo(sessions);
    }

    @Test
    void aBuyerWhoseTurnWouldComeTooLateIsAnswered503WithRetryAfterAndGetsTheSamePaymentLater() {
        var order = reservation("mio", 2000, TicketReserved.PAYMENT_INTENT);
        publish(order);
        awaitOrderKnown(order);
        // Stripe keeps answering 429: the pauses grow until the next turn is beyond the buyer's wait (1 s here)
        stripe.faults().inject(HttpFault.rateLimit(1_000).on("POST", "/v1/payment_intents"));

        var busy = askForIntent(order).join();

        assertThat(busy.statusCode()).isEqualTo(503);
        assertThat(busy.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Integer.parseInt(seconds)).isPositive());
        JsonNode body = JSON.readTree(busy.body());
        assertThat(body.get("status").asString()).isEqualTo("error");
        assertThat(body.get("code").asInt()).isEqualTo(503);
        assertThat(body.get("error").asString()).contains("busy").contains("Try again in");

        stripe.faults().clear();
        var paid = await().atMost(Duration.ofSeconds(20)).until(() -> askForIntent(order).join(),
                answer -> answer.statusCode() == 201);
        var again = askForIntent(order).join();
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(again.body()).at("/data/payment_id").asString())
                .isEqualTo(JSON.readTree(paid.body()).at("/data/payment_id").asString());
        assertThat(payments.of(order.ticketId(), PaymentFailed.class)).isEmpty();
    }

    @Test
    void stripeAnswering429MoreOftenThanEveryRetryBudgetStillOpensTheCheckoutAndExpiresIt() {
        Instant from = Instant.now();
        // more 429s than the call's attempts (5): before the limiter, this failed the purchase (stripe_unavailable)
        stripe.faults().inject(HttpFault.rateLimit(7).on("POST", "/v1/checkout/sessions"));
        var ticket = reservation("sakura", 3000, TicketReserved.CHECKOUT);
        publish(ticket);

        var created = awaitOne(ticket.ticketId(), CheckoutSessionCreated.class);
        assertThat(payments.of(ticket.ticketId(), PaymentFailed.class)).isEmpty();

        // the Stripe command worker waits out 429s the same way
        String expire = "/v1/checkout/sessions/" + created.sessionId() + "/expire";
        stripe.faults().inject(HttpFault.rateLimit(7).on("POST", expire));
        publish(new TicketCancelled(ticket.ticketId(), ticket.orderId(), ticket.userId(), Instant.now()));

        assertThat(awaitOne(ticket.ticketId(), PaymentCancelled.class).paymentReference())
                .isEqualTo(created.sessionId());
        var requests = stripe.requests().since(from);
        assertThat(requests).filteredOn(r -> r.path().equals("/v1/checkout/sessions")).hasSizeGreaterThanOrEqualTo(8);
        assertThat(requests).filteredOn(r -> r.path().equals(expire)).hasSizeGreaterThanOrEqualTo(8);
    }

    // ------------------------------------------------------------------ helpers

    /** Checkout reservations whose keys all land on one partition of tickets.v1, so they arrive in this order. */
    private List<TicketReserved> onOnePartition(int count) {
        int partitions = kafka.partitionsFor(Topics.TICKETS).size();
        var reservations = new ArrayList<TicketReserved>();
        while (reservations.size() < count) {
            var ticket = reservation("kai-" + reservations.size(), 2500, TicketReserved.CHECKOUT);
            byte[] key = Long.toString(ticket.ticketId()).getBytes(StandardCharsets.UTF_8);
            if (Utils.toPositive(Utils.murmur2(key)) % partitions == 0) {
                reservations.add(ticket);
            }
        }
        return reservations;
    }

    private void awaitOrderKnown(TicketReserved order) {
        await().atMost(Duration.ofSeconds(20)).until(() -> db.sql(
                        "select count(*) as n from orders where order_id = :id")
                .bind("id", order.orderId()).map(row -> row.get("n", Long.class)).one().block() == 1);
    }

    /** {@code POST /api/v1/payments/intent} as the buyer's page sends it, without waiting for the answer. */
    private CompletableFuture<HttpResponse<String>> askForIntent(TicketReserved order) {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/payments/intent"))
                .header("Authorization", "Bearer " + token(order.userId(), "user"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"order_id\":\"%s\"}".formatted(order.orderId())))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The sessions' order of creation at Stripe (its list is newest first). */
    private static List<String> sessionsInCreationOrder(List<String> ours) throws Exception {
        var newestFirst = stripeClient.v1().checkout().sessions()
                .list(SessionListParams.builder().setLimit(100L).build()).getData().stream()
                .map(com.stripe.model.checkout.Session::getId).filter(ours::contains)
                .collect(Collectors.toCollection(ArrayList::new));
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    private static String endpoint(ApiRequest request) {
        return request.method() + " " + ID.matcher(request.path()).replaceAll("/{id}");
    }

    /** No window of one second, [t, t + 1 s), holds more than {@code rate} of these requests. */
    private static void assertAtMostPerSecond(List<ApiRequest> requests, int rate, String what) {
        var times = requests.stream().map(ApiRequest::at).sorted().toList();
        for (int i = 0; i + rate < times.size(); i++) {
            assertThat(Duration.between(times.get(i), times.get(i + rate)))
                    .as("%s: request %d and request %d arrived less than a second apart", what, i, i + rate)
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        }
    }
}
