package dev.ticketpay.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import dev.ticketpay.support.DevInfrastructure;
import dev.ticketpay.support.DevTokenIssuer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The gateway set to speak h2c to the services ({@code GATEWAY_SERVICE_PROTOCOL=H2C}; HTTP/1.1 is shipped, see
 * docs/decisions.md): a burst of requests, all in flight at the stand-in service at once, travels as HTTP/2 streams
 * of a few connections, where HTTP/1.1 opens a connection for each.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ticketpay.service-protocol=H2C")
class ServiceProtocolIntegrationTests {

    static final DevTokenIssuer tokens = DevInfrastructure.shared().tokens();
    static final int BURST = 40;
    static final String BURST_PATH = "/api/events/burst";
    /** The connections the gateway opened to the stand-in service, and the protocol of each request on them. */
    static final AtomicInteger connections = new AtomicInteger();
    static final Queue<String> protocols = new ConcurrentLinkedQueue<>();
    static final AtomicInteger arrived = new AtomicInteger();
    static final Sinks.Empty<Void> burstInFlight = Sinks.empty();
    @AutoClose("disposeNow")
    static final DisposableServer service = StandInBackend.server()
            .doOnChannelInit((observer, channel, address) -> connections.incrementAndGet())
            .handle(ServiceProtocolIntegrationTests::answer).bindNow(Duration.ofSeconds(10));

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        StandInBackend.register(registry, service, tokens);
    }

    /** {@code 200 {}}, to a request of the burst once the whole burst is in flight at the service. */
    static Mono<Void> answer(HttpServerRequest request, HttpServerResponse response) {
        protocols.add(request.protocol());
        Mono<Void> turn = !request.uri().equals(BURST_PATH) ? Mono.empty() : Mono.defer(() -> {
            if (arrived.incrementAndGet() == BURST) {
                burstInFlight.tryEmitEmpty();
            }
            return burstInFlight.asMono();
        });
        return request.receive().then(turn).then(StandInBackend.emptyJson(response));
    }

    @LocalServerPort int port;

    @Test
    void carriesABurstOfRequestsToAServiceAsHttp2StreamsOfAFewConnections() {
        String token = tokens.mint("ivy-burst", List.of("user"), null);
        WebClient buyers = WebClient.create("http://localhost:" + port);
        assertThat(buyers.get().uri("/api/events/7").headers(h -> h.setBearerAuth(token)).retrieve()
                .toBodilessEntity().map(ResponseEntity::getStatusCode).block(Duration.ofSeconds(10)))
                .isEqualTo(HttpStatus.OK);
        int open = connections.get();
        protocols.clear();

        List<HttpStatusCode> answers = Flux.range(0, BURST)
                .flatMap(i -> buyers.get().uri(BURST_PATH).headers(h -> h.setBearerAuth(token)).retrieve()
                        .toBodilessEntity().map(ResponseEntity::getStatusCode), BURST)
                .collectList().block(Duration.ofSeconds(30));

        assertThat(answers).as("every request answered, once all were in flight at the service")
                .hasSize(BURST).containsOnly(HttpStatus.OK);
        assertThat(protocols).hasSize(BURST).containsOnly("HTTP/2.0");
        assertThat(connections.get() - open).as("connections opened for the burst: a few, not one a request")
                .isLessThanOrEqualTo(BURST / 4);
    }

    @Test
    void refusesToStartWithHttp2OverTlsWhichTheServicesDoNotServe() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ServiceProtocol().serviceProtocolCustomizer(HttpProtocol.H2))
                .withMessageContaining("GATEWAY_SERVICE_PROTOCOL");
    }
}
