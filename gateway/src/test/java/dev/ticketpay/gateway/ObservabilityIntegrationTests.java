package dev.ticketpay.gateway;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import dev.ticketpay.support.DevInfrastructure;
import dev.ticketpay.support.DevTokenIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What operators see of the gateway: its metrics on the management port only (the public port answers health and
 * no other actuator endpoint), the request and rate-limit counters moving, and the trace going on to the service.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ticketpay.rate-limit.standard=2", "ticketpay.rate-limit.window=1m"})
@AutoConfigureWebTestClient
class ObservabilityIntegrationTests {

    static final ConcurrentLinkedQueue<String> traceparents = new ConcurrentLinkedQueue<>();
    static final DisposableServer backend = StandInBackend.server()
            .handle((request, response) -> request.receive().then(Mono.defer(() -> {
                String traceparent = request.requestHeaders().get("traceparent");
                traceparents.add(traceparent == null ? "none" : traceparent);
                return StandInBackend.emptyJson(response);
            })))
            .bindNow(Duration.ofSeconds(10));
    static final DevTokenIssuer tokens = DevInfrastructure.shared().tokens();

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        StandInBackend.register(registry, backend, tokens);
    }

    @AfterAll
    static void stopBackend() {
        backend.disposeNow();
    }

    @Autowired WebTestClient client;
    @LocalServerPort int publicPort;
    @LocalManagementPort int managementPort;

    @Test
    void publicPortAnswersHealthAndNoOtherActuatorEndpoint() {
        assertThat(managementPort).isNotEqualTo(publicPort);
        client.get().uri("/actuator/health").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        String admin = tokens.mint("ops", List.of("admin"), null);
        for (String endpoint : List.of("prometheus", "metrics", "env", "info", "beans", "loggers", "heapdump")) {
            client.get().uri("/actuator/" + endpoint).headers(h -> h.setBearerAuth(admin)).exchange()
                    .expectStatus().value(status -> assertThat(status).as(endpoint).isBetween(400, 499));
        }
    }

    @Test
    void managementPortServesPrometheusWithRequestAndRateLimitCountersAndTheConnectionsToEachService() {
        String alice = tokens.mint("alice-observed", List.of("user"), null);
        for (int i = 0; i < 3; i++) {
            client.get().uri("/api/events").headers(h -> h.setBearerAuth(alice)).exchange();
        }
        client.get().uri("/api/events").exchange().expectStatus().isUnauthorized();
        String metrics = management().get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        String requests = "ticketpay_gateway_requests_total\\{application=\"gateway\",";
        assertThat(metrics)
                .containsPattern(requests + "route=\"ticket-service\",status=\"200\"} [1-9]")
                .containsPattern(requests + "route=\"none\",status=\"429\"} [1-9]")
                .containsPattern(requests + "route=\"none\",status=\"401\"} [1-9]")
                .containsPattern("ticketpay_gateway_rate_limited_total\\{application=\"gateway\","
                        + "kind=\"standard\"} [1-9]")
                .contains("jvm_memory_used_bytes")
                .as("the connections to the service behind the route, open or idle")
                .containsPattern("reactor_netty_connection_provider_total_connections\\{application=\"gateway\","
                        + "id=\"[^\"]+\",name=\"proxy\",remote_address=\"localhost:[0-9]+\"} [1-9]");
        management().get().uri("/actuator/health").exchange().expectStatus().isOk();
        management().get().uri("/actuator/env").exchange().expectStatus().isNotFound();
    }

    @Test
    void theRoutedRequestContinuesTheCallersTrace() {
        String bob = tokens.mint("bob-traced", List.of("user"), null);
        String trace = "4bf92f3577b34da6a3ce929d0e0e4736";
        traceparents.clear();
        client.get().uri("/api/events/7").headers(h -> h.setBearerAuth(bob))
                .header("traceparent", "00-" + trace + "-00f067aa0ba902b7-01")
                .exchange().expectStatus().isOk();
        assertThat(traceparents).singleElement().satisfies(traceparent -> {
            assertThat(traceparent).startsWith("00-" + trace + "-").endsWith("-01");
            assertThat(traceparent).doesNotContain("00f067aa0ba902b7");
        });
    }

    private WebTestClient management() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + managementPort).build();
    }
}
