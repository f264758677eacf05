package dev.ticketpay.localstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import dev.ticketpay.support.Latencies;
import org.junit.jupiter.api.Test;

import static dev.ticketpay.localstack.RunningStack.JSON;
import static dev.ticketpay.localstack.RunningStack.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a buyer waits for, on the whole system (gateway, two ticket-service instances, payment-service, qr-service,
 * Kafka, PostgreSQL, the Stripe sandbox) on this machine: a free ticket with its QR code (the saga through
 * qr-service and back), and a paid ticket's Checkout Session (through payment-service and Stripe), with one buyer
 * at a time and with 16. Not part of {@code verify} (the name matches no test pattern); run it with
 * {@code ./mvnw -pl dev/local-stack test -Dtest=PurchaseBenchmark} after an install. Numbers go to stdout and
 * {@code target/benchmarks.txt}.
 */
class PurchaseBenchmark {

    static final HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();

    @Test
    void purchaseLatencyThroughTheGateway() throws Exception {
        var stack = RunningStack.shared();
        long free = event(stack, 0);
        long paid = event(stack, 4500);
        buy(stack, null, free, 16, 50);
        buy(stack, "free ticket with QR code, 1 buyer at a time", free, 1, 100);
        buy(stack, "free ticket with QR code, 16 buyers at a time", free, 16, 600);
        buy(stack, null, paid, 16, 30);
        buy(stack, "paid ticket to Checkout Session, 1 buyer at a time", paid, 1, 100);
        buy(stack, "paid ticket to Checkout Session, 16 buyers at a time", paid, 16, 300);
    }

    /** {@code purchases} purchases by distinct buyers, {@code atATime} at once; reported unless name is null. */
    private static void buy(LocalStack stack, String name, long event, int atATime, int purchases) throws Exception {
        var latencies = new Latencies(String.valueOf(name));
        var failures = new AtomicInteger();
        var tokens = IntStream.range(0, purchases)
                .mapToObj(i -> stack.issuer().mint("bench-" + UUID.randomUUID(), List.of("user"), null)).toList();
        byte[] body = JSON.writeValueAsBytes(Map.of("event_id", event, "quantity", 1));
        long begin = System.nanoTime();
        try (var pool = Executors.newFixedThreadPool(atATime)) {
            for (String token : tokens) {
                pool.submit(() -> {
                    var request = HttpRequest.newBuilder(URI.create(stack.gatewayUrl()
                                    + "/api/payments/create-payment-intent/"))
                            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                    long start = System.nanoTime();
                    var response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    latencies.addNanos(System.nanoTime() - start);
                    if (response.statusCode() != 200) {
                        failures.incrementAndGet();
                    }
                    return null;
                });
            }
        }
        long end = System.nanoTime();
        assertThat(failures).as("purchases that did not answer 200").hasValue(0);
        if (name != null) {
            latencies.report(Duration.ofNanos(end - begin));
        }
    }

    private static long event(LocalStack stack, long price) {
        String admin = stack.issuer().mint("bench-admin", List.of("admin"), null);
        var created = post(stack.gatewayUrl() + "/api/events", admin, Map.of("name", "Benchmark " + price,
                "venue", "Arena", "starts_at", RunningStack.aYearAhead(), "capacity", 100_000, "price", price,
                "currency", "jpy"));
        assertThat(created.status()).isEqualTo(201);
        return created.json().get("id").asLong();
    }
}
