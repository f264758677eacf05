package dev.ticketpay.gateway;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.ticketpay.support.DevInfrastructure;
import dev.ticketpay.support.DevTokenIssuer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The edge's timeouts, at 1 s here instead of the shipped 60 s (checked in {@link GatewayIntegrationTests}). A
 * service that accepts the connection and never answers (a wedged event loop): the gateway gives up after its
 * response timeout and answers 504 in the route's own error shape (chosen by path as for the 502 of
 * {@link UnreachableServiceIntegrationTests}), logging it in the request's trace. A client that brings no request:
 * its connection is closed after the idle timeout.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.cloud.gateway.server.webflux.httpclient.response-timeout=1s", "server.netty.idle-timeout=1s"})
@AutoConfigureWebTestClient(timeout = "30s")
@ExtendWith(OutputCaptureExtension.class)
class EdgeTimeoutsIntegrationTests {

    static final String UNAVAILABLE = "The service is unavailable; try again shortly.";
    static final DevTokenIssuer tokens = DevInfrastructure.shared().tokens();
    static final AtomicInteger received = new AtomicInteger();
    @AutoClose("disposeNow")
    static final DisposableServer silent = StandInBackend.server()
            .handle((request, response) -> {
                received.incrementAndGet();
                return Mono.never();
            })
            .bindNow(Duration.ofSeconds(10));

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        StandInBackend.register(registry, silent, tokens);
    }

    @Autowired WebTestClient client;
    @LocalServerPort int port;

    @Test
    void answers504InTheClassicShapeOnceTheServiceTakesLongerThanTheResponseTimeout(CapturedOutput output) {
        String trace = "4bf92f3577b34da6a3ce929d0e0e4736";
        int before = received.get();
        client.get().uri("/api/events/7").headers(h -> h.setBearerAuth(tokens.mint("erin-edge", List.of("user"),
                null))).header("traceparent", "00-" + trace + "-00f067aa0ba902b7-01")
                .exchange().expectStatus().isEqualTo(504)
                .expectBody().json("{\"detail\":\"" + UNAVAILABLE + "\"}", true);
        assertThat(received.get()).as("the request reached the service, which never answered").isEqualTo(before + 1);
        assertThat(output.getOut().lines().filter(line -> line.contains("Answered 504 on GET /api/events/7")))
                .singleElement().asString().contains(trace, "Response took longer than timeout");
    }

    @Test
    void closesTheConnectionOfAClientThatBringsNoRequest() throws IOException {
        try (var idle = new Socket("localhost", port)) {
            idle.setSoTimeout(10_000);
            long opened = System.nanoTime();

            assertThat(idle.getInputStream().read()).as("end of stream: the gateway closed it").isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - opened)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        }
    }

    @Test
    void closesAKeptAliveConnectionOnceItIsIdle() throws IOException {
        try (var client = new Socket("localhost", port)) {
            client.setSoTimeout(10_000);
            client.getOutputStream().write("GET /actuator/health HTTP/1.1\r\nHost: localhost\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));

            String answered = new String(client.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(answered).as("the whole answer, then end of stream once the connection was idle")
                    .startsWith("HTTP/1.1 200").contains("\"status\":\"UP\"");
        }
    }
}
