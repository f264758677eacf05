package dev.ticketpay.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import dev.ticketpay.support.DevInfrastructure;
import dev.ticketpay.support.DevTokenIssuer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import reactor.netty.DisposableServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway's pooled connections to the services, with the idle limit at 1 s here instead of the shipped 30 s
 * (checked in {@link GatewayIntegrationTests}): a connection nobody used for that long is closed by the gateway, so
 * nothing between the two (a load balancer, kube-proxy, a NAT) can drop it unseen and fail the next request on it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.cloud.gateway.server.webflux.httpclient.pool.max-idle-time=1s",
        "spring.cloud.gateway.server.webflux.httpclient.pool.eviction-interval=100ms"})
@AutoConfigureWebTestClient(timeout = "30s")
class ServiceConnectionsIntegrationTests {

    static final DevTokenIssuer tokens = DevInfrastructure.shared().tokens();
    /** Each connection the gateway opened to the stand-in service: when it was closed (nanoTime), 0 while open. */
    static final Queue<AtomicLong> connections = new ConcurrentLinkedQueue<>();
    @AutoClose("disposeNow")
    static final DisposableServer service = StandInBackend.server()
            .doOnConnection(connection -> {
                var closed = new AtomicLong();
                connections.add(closed);
                connection.onDispose(() -> closed.set(System.nanoTime()));
            })
            .handle((request, response) -> request.receive().then(StandInBackend.emptyJson(response)))
            .bindNow(Duration.ofSeconds(10));

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        StandInBackend.register(registry, service, tokens);
    }

    @Autowired WebTestClient client;

    @Test
    void closesAConnectionToAServiceOnceItHasBeenIdleForTheMaxIdleTime() {
        connections.clear();
        client.get().uri("/api/events/7").headers(h -> h.setBearerAuth(tokens.mint("ivy-idle", List.of("user"),
                null))).exchange().expectStatus().isOk();
        long answered = System.nanoTime();
        assertThat(connections).as("one connection carried the request").hasSize(1);
        AtomicLong closed = connections.peek();

        await().atMost(Duration.ofSeconds(10)).until(() -> closed.get() != 0);
        assertThat(Duration.ofNanos(closed.get() - answered)).as("closed once idle, not right away")
                .isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }
}
