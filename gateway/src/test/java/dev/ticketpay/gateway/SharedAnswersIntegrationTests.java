package dev.ticketpay.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.ticketpay.support.DevInfrastructure;
import dev.ticketpay.support.DevTokenIssuer;
import dev.ticketpay.web.SharedAnswer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Refusals a service marks as every caller's ({@link SharedAnswer}) are given by the gateway itself to the next
 * callers with the same purchase, for as long as the mark says, and only to them. A stand-in ticket-service refuses
 * every purchase with the seed's 400, marked for a minute for event 1, for 2 s for event 2, not at all for event 3,
 * and counts the purchases that reach it by body.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
class SharedAnswersIntegrationTests {

    static final String PURCHASE = "/api/payments/create-payment-intent/";
    static final String REFUSAL = "{\"detail\":\"Not enough tickets available: requested 1, 0 left.\"}";
    static final DevTokenIssuer tokens = DevInfrastructure.shared().tokens();
    /** Purchases that reached the stand-in service, by body. */
    static final Map<String, AtomicInteger> reached = new ConcurrentHashMap<>();

    @Autowired WebTestClient client;

    @AutoClose("disposeNow")
    static final DisposableServer service = StandInBackend.server()
            .handle((request, response) -> request.receive().aggregate().asString().defaultIfEmpty("")
                    .flatMap(body -> {
                        reached.computeIfAbsent(body, b -> new AtomicInteger()).incrementAndGet();
                        response.status(400).header("Content-Type", "application/json");
                        if (body.contains("\"event_id\":1,")) {
                            response.header(SharedAnswer.HEADER, "60000");
                        }
                        else if (body.contains("\"event_id\":2,")) {
                            response.header(SharedAnswer.HEADER, "2000");
                        }
                        return response.sendString(Mono.just(REFUSAL)).then();
                    }))
            .bindNow(Duration.ofSeconds(10));

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        StandInBackend.register(registry, service, tokens);
    }

    @Test
    void givesAMarkedRefusalToTheNextBuyersWithTheSameRequestWithoutPassingThemOnAndNeverShowsTheMark() {
        String sameRequest = "{\"event_id\":1,\"quantity\":1}";
        for (String buyer : List.of("ada", "bo", "cy", "dee")) {
            purchase(buyer, sameRequest, null).expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_JSON)
                    .expectHeader().doesNotExist(SharedAnswer.HEADER)
                    .expectBody().json(REFUSAL, true);
        }
        assertThat(reached(sameRequest)).as("only the first buyer was passed on").isEqualTo(1);
    }

    @Test
    void passesOnAnotherBodyAKeyedRequestAndAnUnmarkedRefusalAndGivesNothingToACallerWithoutAToken() {
        String remembered = "{\"event_id\":1,\"quantity\":2}";
        purchase("eve", remembered, null).expectStatus().isBadRequest();

        client.post().uri(PURCHASE).contentType(MediaType.APPLICATION_JSON).bodyValue(remembered).exchange()
                .expectStatus().isUnauthorized();
        // a keyed request may repeat a purchase that got its seats: only the service can answer it
        purchase("fay", remembered, "key-fay").expectStatus().isBadRequest()
                .expectHeader().doesNotExist(SharedAnswer.HEADER);
        assertThat(reached(remembered)).isEqualTo(2);

        String otherQuantity = "{\"event_id\":1,\"quantity\":3}";
        purchase("gus", otherQuantity, null).expectStatus().isBadRequest();
        assertThat(reached(otherQuantity)).isEqualTo(1);

        String unmarked = "{\"event_id\":3,\"quantity\":1}";
        purchase("hal", unmarked, null).expectStatus().isBadRequest().expectBody().json(REFUSAL, true);
        purchase("ian", unmarked, null).expectStatus().isBadRequest().expectBody().json(REFUSAL, true);
        assertThat(reached(unmarked)).isEqualTo(2);
    }

    @Test
    void givesTheRememberedRefusalWholeToFiftyBuyersAtOnceAndPassesNoneOfThemOn(@LocalServerPort int port) {
        String request = "{\"event_id\":1,\"quantity\":4}";
        purchase("first", request, null).expectStatus().isBadRequest();
        var gateway = WebClient.create("http://localhost:" + port);

        var answers = Flux.range(0, 50).flatMap(buyer -> gateway.post().uri(PURCHASE)
                .headers(h -> h.setBearerAuth(tokens.mint("crowd-" + buyer, List.of("user"), null)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(request)
                .exchangeToMono(answer -> answer.bodyToMono(String.class)
                        .map(body -> answer.statusCode().value() + " " + body)), 50)
                .collectList().block(Duration.ofSeconds(30));

        assertThat(answers).hasSize(50).containsOnly("400 " + REFUSAL);
        assertThat(reached(request)).as("only the first buyer was passed on").isEqualTo(1);
    }

    @Test
    void passesBuyersOnAgainOnceTheMarkHasRunOut() {
        String request = "{\"event_id\":2,\"quantity\":1}";
        purchase("jo", request, null).expectStatus().isBadRequest();
        long first = System.nanoTime();
        purchase("kai", request, null).expectStatus().isBadRequest();
        assertThat(reached(request)).as("the second buyer, within the 2 s, was answered by the gateway").isEqualTo(1);

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            purchase("lu", request, null).expectStatus().isBadRequest();
            return reached(request) == 2;
        });
        assertThat(Duration.ofNanos(System.nanoTime() - first)).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
    }

    private WebTestClient.ResponseSpec purchase(String buyer, String body, String idempotencyKey) {
        return client.post().uri(PURCHASE).headers(h -> {
            h.setBearerAuth(tokens.mint(buyer, List.of("user"), null));
            if (idempotencyKey != null) {
                h.set("Idempotency-Key", idempotencyKey);
            }
        }).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private static int reached(String body) {
        var count = reached.get(body);
        return count == null ? 0 : count.get();
    }
}
