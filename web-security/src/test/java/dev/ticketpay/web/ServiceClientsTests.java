package dev.ticketpay.web;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@link ServiceClients} against a real HTTP server standing in for another service. */
class ServiceClientsTests {

    /**
     * A connection nobody used for the idle limit (1 s here, 30 s shipped) is closed by the client; until then the
     * pool's gauges count it.
     */
    @Test
    void closesAConnectionOnceItHasBeenIdle() {
        var closed = new AtomicLong();
        DisposableServer service = HttpServer.create().port(0)
                .doOnConnection(connection -> connection.onDispose(() -> closed.set(System.nanoTime())))
                .handle((request, response) -> response.status(200).send())
                .bindNow(Duration.ofSeconds(10));
        var idleAfterASecond = new ServiceClients.Settings(Duration.ofSeconds(1), Duration.ofMinutes(5),
                Duration.ofMillis(100));
        var registry = new SimpleMeterRegistry();
        Metrics.addRegistry(registry);
        try (var clients = new ServiceClients(idleAfterASecond)) {
            clients.builder().baseUrl("http://localhost:" + service.port()).build()
                    .get().uri("/internal/tickets").retrieve().toBodilessEntity().block(Duration.ofSeconds(10));
            long answered = System.nanoTime();

            assertThat(Metrics.globalRegistry.find("reactor.netty.connection.provider.total.connections")
                    .tags("name", "ticketpay-services", "remote.address", "localhost:" + service.port()).gauge())
                    .as("the pool's gauges, in the registry Spring Boot publishes").isNotNull()
                    .extracting(Gauge::value).isEqualTo(1.0);

            await().atMost(Duration.ofSeconds(10)).until(() -> closed.get() != 0);
            assertThat(Duration.ofNanos(closed.get() - answered)).as("closed once idle, not right away")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(900));
        }
        finally {
            Metrics.removeRegistry(registry);
            service.disposeNow();
        }
    }
}
