package dev.ticketpay.sandbox.stripe;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A tiny webhook endpoint for tests: records every delivery and answers 200 unless told to fail or
 * stall the next ones, like a payment-service that is briefly down or slow.
 */
final class WebhookReceiver implements AutoCloseable {

    record Delivery(String payload, String signature, String contentType, String userAgent) {}

    private sealed interface Behaviour permits Status, Stall {}

    private record Status(int code) implements Behaviour {}

    private record Stall(Duration duration) implements Behaviour {}

    private final List<Delivery> received = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Behaviour> next = new ConcurrentLinkedQueue<>();
    private final DisposableServer server;

    private WebhookReceiver() {
        server = HttpServer.create()
                .port(0)
                .route(routes -> routes.post(
                        "/webhook",
                        (req, res) -> req.receive()
                                .aggregate()
                                .asString(StandardCharsets.UTF_8)
                                .defaultIfEmpty("")
                                .flatMap(body -> {
                                    received.add(new Delivery(
                                            body,
                                            req.requestHeaders().get("Stripe-Signature"),
                                            req.requestHeaders().get("Content-Type"),
                                            req.requestHeaders().get("User-Agent")));
                                    Behaviour b = next.poll();
                                    if (b instanceof Stall stall) {
                                        return Mono.delay(stall.duration())
                                                .then(res.status(200).send().then());
                                    }
                                    int code = b instanceof Status s ? s.code() : 200;
                                    return res.status(code)
                                            .sendString(Mono.just("{}"))
                                            .then();
                                })))
                .bindNow();
    }

    static WebhookReceiver start() {
        return new WebhookReceiver();
    }

    String url() {
        return "http://localhost:" + server.port() + "/webhook";
    }

    /** The next {@code times} deliveries are answered with {@code status}. */
    WebhookReceiver failNext(int times, int status) {
        for (int i = 0; i < times; i++) {
            next.add(new Status(status));
        }
        return this;
    }

    /** The next delivery gets no answer for {@code duration}. */
    WebhookReceiver stallNext(Duration duration) {
        next.add(new Stall(duration));
        return this;
    }

    List<Delivery> deliveries() {
        return List.copyOf(received);
    }

    /** Every delivery so far, verified and parsed the way payment-service does it. */
    List<Event> events(String secret) {
        List<Event> events = new ArrayList<>();
        for (Delivery d : received) {
            try {
                events.add(Webhook.constructEvent(d.payload(), d.signature(), secret));
            } catch (SignatureVerificationException e) {
                throw new AssertionError("webhook signature did not verify: " + d.signature(), e);
            }
        }
        return events;
    }

    List<Event> events(String secret, String type) {
        return events(secret).stream().filter(e -> e.getType().equals(type)).toList();
    }

    @Override
    public void close() {
        server.disposeNow(Duration.ofSeconds(5));
    }
}
