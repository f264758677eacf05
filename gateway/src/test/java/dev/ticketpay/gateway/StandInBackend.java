package dev.ticketpay.gateway;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.ticketpay.support.DevTokenIssuer;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerResponse;

import org.springframework.test.context.DynamicPropertyRegistry;

/** A plain HTTP server standing in for the three services behind the gateway under test. */
final class StandInBackend {

    /** A server on a free port that speaks as the services do: HTTP/1.1, and h2c (HTTP/2 without TLS). */
    static HttpServer server() {
        return HttpServer.create().port(0).protocol(HttpProtocol.HTTP11, HttpProtocol.H2C);
    }

    /** A backend that answers every request with {@code 200 {}}. */
    static DisposableServer answeringEmptyJson() {
        return server()
                .handle((request, response) -> request.receive().then(emptyJson(response)))
                .bindNow(Duration.ofSeconds(10));
    }

    /** The answer {@code 200 {}}. */
    static Mono<Void> emptyJson(HttpServerResponse response) {
        return response.header("Content-Type", "application/json").sendString(Mono.just("{}")).then();
    }

    /** The secret {@link #shared()} checks webhook signatures with. */
    static final String WEBHOOK_SECRET = "whsec_gatewayTestSecret";
    /** Deliveries that reached {@link #shared()}'s webhook. */
    static final AtomicInteger webhooksReceived = new AtomicInteger();
    private static DisposableServer shared;

    /**
     * One backend for the test classes of this JVM (see {@link BehindStandInBackend}), checking webhooks with
     * {@link #WEBHOOK_SECRET}; it lives as long as the JVM, like the shared token issuer.
     */
    static synchronized DisposableServer shared() {
        if (shared == null) {
            shared = checkingStripeSignatures(WEBHOOK_SECRET, webhooksReceived);
        }
        return shared;
    }

    /**
     * A backend that checks Stripe's webhook signature as payment-service does (HMAC-SHA256 of
     * {@code "<t>.<body>"} with {@code secret}): 200 for a valid one, the seed's 400 otherwise; every other
     * request is answered {@code 200 {}}. {@code webhooks} counts the deliveries that reached it.
     */
    static DisposableServer checkingStripeSignatures(String secret, AtomicInteger webhooks) {
        return server()
                .handle((request, response) -> request.receive().aggregate().asString().defaultIfEmpty("")
                        .flatMap(body -> {
                            if (!request.uri().equals("/api/v1/payments/webhook")) {
                                return emptyJson(response);
                            }
                            webhooks.incrementAndGet();
                            boolean valid = signed(request.requestHeaders().get("Stripe-Signature"), body, secret);
                            return response.status(valid ? 200 : 400).header("Content-Type", "application/json")
                                    .sendString(Mono.just(valid ? "{\"status\":\"success\",\"data\":{}}"
                                            : "{\"status\":\"error\",\"error\":\"Invalid webhook signature\","
                                                    + "\"code\":400}"))
                                    .then();
                        }))
                .bindNow(Duration.ofSeconds(10));
    }

    /** {@code Stripe-Signature} for {@code body}, signed now with {@code secret}. */
    static String stripeSignature(String body, String secret) {
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        return "t=" + timestamp + ",v1=" + hmac(timestamp + "." + body, secret);
    }

    private static boolean signed(String header, String body, String secret) {
        if (header == null) {
            return false;
        }
        String timestamp = null;
        String v1 = null;
        for (String item : header.split(",")) {
            if (item.startsWith("t=")) {
                timestamp = item.substring(2);
            }
            else if (item.startsWith("v1=")) {
                v1 = item.substring(3);
            }
        }
        return timestamp != null && v1 != null && hmac(timestamp + "." + body, secret).equals(v1);
    }

    private static String hmac(String text, String secret) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Routes every service to {@code backend} and makes the gateway trust {@code tokens}. */
    static void register(DynamicPropertyRegistry registry, DisposableServer backend, DevTokenIssuer tokens) {
        String url = "http://localhost:" + backend.port();
        registry.add("TICKET_SERVICE_URL", () -> url);
        registry.add("PAYMENT_SERVICE_URL", () -> url);
        registry.add("QR_SERVICE_URL", () -> url);
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", tokens::issuer);
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", tokens::jwkSetUri);
    }

    private StandInBackend() {
    }
}
