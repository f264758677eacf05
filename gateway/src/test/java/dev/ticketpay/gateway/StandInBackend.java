package dev.ticketpay.gateway;

import java.time.Duration;

import dev.ticketpay.support.DevTokenIssuer;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.test.context.DynamicPropertyRegistry;

/** A plain HTTP server standing in for the three services behind the gateway under test. */
final class StandInBackend {

    /** A backend that answers every request with {@code 200 {}}. */
    static DisposableServer answeringEmptyJson() {
        return HttpServer.create().port(0)
                .handle((request, response) -> request.receive().then(response
                        .header("Content-Type", "application/json").sendString(Mono.just("{}")).then()))
                .bindNow(Duration.ofSeconds(10));
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
