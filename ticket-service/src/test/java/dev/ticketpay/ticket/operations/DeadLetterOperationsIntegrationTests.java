package dev.ticketpay.ticket.operations;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import dev.ticketpay.contracts.Topics;
import dev.ticketpay.ticket.TicketServiceIntegration;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Operators see, inspect and replay the service's dead letters over HTTP, with an admin token on the service's own
 * port; nobody else can.
 */
class DeadLetterOperationsIntegrationTests extends TicketServiceIntegration {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void adminListsInspectsAndReplaysAPoisonRecordOfThisService() {
        String key = Long.toString(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2));
        String eventId = UUID.randomUUID().toString();
        var event = CloudEventBuilder.v1().withId(eventId).withType("ticketpay.payment.teleported.v1")
                .withSource(URI.create("/somebody-new")).withDataContentType("application/json")
                .withData("{\"ticket_id\":1}".getBytes()).build();
        kafka.send(KafkaMessageFactory.createWriter(Topics.PAYMENTS, null, null, key).writeBinary(event)).join();

        JsonNode letter = await().atMost(Duration.ofSeconds(30))
                .until(() -> lettersFor(key, "pending"), letters -> !letters.isEmpty()).getFirst();
        assertThat(letter.get("reason").asString()).isEqualTo("unknown_type");
        assertThat(letter.get("event_id").asString()).isEqualTo(eventId);
        assertThat(letter.get("original_topic").asString()).isEqualTo(Topics.PAYMENTS);
        long id = letter.get("id").asLong();

        client.get().uri("/internal/dead-letters/{id}", id).headers(h -> h.setBearerAuth(anAdmin())).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.payload.ticket_id").isEqualTo(1)
                .jsonPath("$.headers[?(@.name == 'ce_type')].value").isEqualTo("ticketpay.payment.teleported.v1");
        client.get().uri("/actuator/health").headers(h -> h.setBearerAuth(anAdmin())).exchange()
                .expectBody()
                .jsonPath("$.components.messaging.details.dead_letters['payments.v1.dlt']").isNumber();

        client.post().uri("/internal/dead-letters/{id}/replay", id).headers(h -> h.setBearerAuth(anAdmin())).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.replays").isEqualTo(1).jsonPath("$.replayed_at").isNotEmpty();
        // still poison for this build: it comes back as a new letter, and the replayed one is no longer pending
        await().atMost(Duration.ofSeconds(30)).until(() -> lettersFor(key, "all").size() == 2);
        assertThat(lettersFor(key, "pending")).extracting(l -> l.get("id").asLong()).doesNotContain(id);
    }

    @Test
    void deadLettersAreForAdminsOnly() {
        expectUnauthorized(client.get().uri("/internal/dead-letters").exchange());
        client.get().uri("/internal/dead-letters").headers(h -> h.setBearerAuth(aUser())).exchange()
                .expectStatus().isForbidden().expectBody().jsonPath("$.detail").isNotEmpty();
        client.post().uri("/internal/dead-letters/replay").headers(h -> h.setBearerAuth(aUser())).exchange()
                .expectStatus().isForbidden().expectBody().jsonPath("$.detail").isNotEmpty();
    }

    @Test
    void badDeadLetterRequestsAreAnsweredInTheRouteShape() {
        client.get().uri("/internal/dead-letters/not-a-number").headers(h -> h.setBearerAuth(anAdmin())).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").isEqualTo("id must be a positive integer.");
        client.get().uri("/internal/dead-letters/{id}", Long.MAX_VALUE).headers(h -> h.setBearerAuth(anAdmin()))
                .exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.detail").isEqualTo("No dead letter with this id.");
        client.post().uri("/internal/dead-letters/-3/replay").headers(h -> h.setBearerAuth(anAdmin())).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.detail").isNotEmpty();
        client.get().uri("/internal/dead-letters?limit=0").headers(h -> h.setBearerAuth(anAdmin())).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.detail").isNotEmpty();
        client.get().uri("/internal/dead-letters?state=lost").headers(h -> h.setBearerAuth(anAdmin())).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.detail").isNotEmpty();
    }

    private List<JsonNode> lettersFor(String key, String state) {
        byte[] body = client.get().uri("/internal/dead-letters?state={state}&limit=500", state)
                .headers(h -> h.setBearerAuth(anAdmin())).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody();
        var letters = JSON.readTree(body).get("dead_letters");
        return letters.valueStream().filter(l -> key.equals(l.get("key").asString())).toList();
    }

}
