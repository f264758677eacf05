package dev.ticketpay.gateway;

import java.time.Duration;
import java.util.List;

import dev.ticketpay.support.DevInfrastructure;
import dev.ticketpay.support.DevTokenIssuer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service that refuses connections: the gateway answers 502 in the route's own error shape, never a stack trace,
 * and its log line about it carries the request's trace ids although the gateway runs without Reactor's automatic
 * context propagation ({@code InTrace}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@ExtendWith(OutputCaptureExtension.class)
class UnreachableServiceIntegrationTests {

    static final String UNAVAILABLE = "The service is unavailable; try again shortly.";
    static final DevTokenIssuer tokens = DevInfrastructure.shared().tokens();

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        // a port that was just free: nothing listens there, so every connection is refused
        DisposableServer closed = HttpServer.create().port(0).bindNow(Duration.ofSeconds(10));
        int port = closed.port();
        closed.disposeNow();
        String url = "http://localhost:" + port;
        registry.add("TICKET_SERVICE_URL", () -> url);
        registry.add("PAYMENT_SERVICE_URL", () -> url);
        registry.add("QR_SERVICE_URL", () -> url);
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", tokens::issuer);
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", tokens::jwkSetUri);
    }

    @Autowired WebTestClient client;

    @Test
    void answers502InTheClassicShapeAndLogsItInTheRequestsTrace(CapturedOutput output) {
        String trace = "0af7651916cd43dd8448eb211c80319c";
        client.get().uri("/api/events/7").headers(h -> h.setBearerAuth(tokens.mint("carol-edge", List.of("user"),
                null))).header("traceparent", "00-" + trace + "-b7ad6b7169203331-01")
                .exchange().expectStatus().isEqualTo(502)
                .expectBody().json("{\"detail\":\"" + UNAVAILABLE + "\"}", true);
        assertThat(output.getOut().lines().filter(line -> line.contains("Edge failure on /api/events/7")))
                .singleElement().asString().contains(trace);
    }

    @Test
    void answers502InTheV1Shape() {
        client.get().uri("/api/v1/payments/pi_123").headers(h -> h.setBearerAuth(tokens.mint("dave-edge",
                List.of("user"), null))).exchange().expectStatus().isEqualTo(502)
                .expectBody().json("{\"status\":\"error\",\"error\":\"" + UNAVAILABLE
                        + "\",\"code\":502,\"details\":{}}", true);
    }
}
