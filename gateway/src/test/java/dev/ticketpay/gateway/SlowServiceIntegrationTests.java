package dev.ticketpay.gateway;

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
 * A service that accepts the connection and never answers (a wedged event loop): the gateway gives up after its
 * response timeout and answers 504 in the route's own error shape (chosen by path as for the 502 of
 * {@link UnreachableServiceIntegrationTests}), logging it in the request's trace. The shipped
 * timeout (60 s) is replaced by 1 s here; the default itself is checked against the gateway's settings.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.cloud.gateway.server.webflux.httpclient.response-timeout=1s")
@AutoConfigureWebTestClient(timeout = "30s")
@ExtendWith(OutputCaptureExtension.class)
class SlowServiceIntegrationTests {

    static final String UNAVAILABLE = "The service is unavailable; try again shortly.";
    static final DevTokenIssuer tokens = DevInfrastructure.shared().tokens();
    static final AtomicInteger received = new AtomicInteger();
    @AutoClose("disposeNow")
    static final DisposableServer silent = HttpServer.create().port(0)
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
}
