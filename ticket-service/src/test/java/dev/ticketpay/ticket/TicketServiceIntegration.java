package dev.ticketpay.ticket;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.ticketpay.contracts.EventJson;
import dev.ticketpay.contracts.TicketEvent;
import dev.ticketpay.support.DevInfrastructure;
import dev.ticketpay.support.OnDevInfrastructure;
import dev.ticketpay.support.TicketEventRecords;
import dev.ticketpay.ticket.catalog.NewEvent;
import dev.ticketpay.ticket.catalog.Shows;
import org.apache.kafka.clients.producer.ProducerRecord;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.awaitility.Awaitility.await;

/**
 * What every Spring Boot test of ticket-service starts from: the whole service on a random port, on the shared
 * embedded Kafka and PostgreSQL (database {@code tickets}) and the dev token issuer, with a {@link WebTestClient}
 * and the helpers the tests share: tokens, a new show, an order, events as the other services publish them. A class
 * adds its settings with {@code @TestPropertySource}, and takes a database of its own with its own
 * {@code @OnDevInfrastructure}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@DirtiesContext
@OnDevInfrastructure("tickets")
public abstract class TicketServiceIntegration {

    protected static final DevInfrastructure infrastructure = DevInfrastructure.shared();

    @Autowired protected WebTestClient client;
    @Autowired protected Shows shows;
    @Autowired protected KafkaTemplate<String, byte[]> kafka;
    @Autowired protected KafkaListenerEndpointRegistry listeners;

    /** A token of {@code subject} with one role, and the email {@code subject@example.com}. */
    protected static String token(String subject, String role) {
        return infrastructure.tokens().mint(subject, List.of(role), subject + "@example.com");
    }

    /** A buyer's token. */
    protected static String token(String subject) {
        return token(subject, "user");
    }

    /** An admin's token, a new admin each time. */
    protected static String anAdmin() {
        return token("admin-" + UUID.randomUUID(), "admin");
    }

    /** A buyer's token, a new buyer each time. */
    protected static String aUser() {
        return token("user-" + UUID.randomUUID());
    }

    /** Without a valid token: 401 with a {@code detail} saying why. */
    protected static void expectUnauthorized(WebTestClient.ResponseSpec answer) {
        answer.expectStatus().isUnauthorized().expectBody().jsonPath("$.detail").isNotEmpty();
    }

    /** A start a year from now, to the second: its tickets are on sale whenever the tests run. */
    protected static Instant aYearFromNow() {
        return Instant.now().plus(Duration.ofDays(365)).truncatedTo(ChronoUnit.SECONDS);
    }

    /** A new show (its name made unique) of {@code capacity} seats at {@code price} yen each, a year ahead. */
    protected long newShow(String name, int capacity, long price) {
        return newShow(name, capacity, price, aYearFromNow());
    }

    /** As {@link #newShow(String, int, long)}, starting at {@code startsAt}. */
    protected long newShow(String name, int capacity, long price, Instant startsAt) {
        return shows.add(new NewEvent(name + " " + UUID.randomUUID(), "Hall", startsAt, capacity, price, "jpy"))
                .block().id();
    }

    /** Places an order of the payments API v1 as the holder of {@code token}; answers its {@code data}. */
    protected JsonNode placeOrder(String token, long showId, int quantity) {
        var body = client.post().uri("/api/v1/orders").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("event_id", showId, "quantity", quantity))
                .exchange()
                .expectStatus().isCreated()
                .expectBody().returnResult().getResponseBody();
        return EventJson.mapper().readTree(body).get("data");
    }

    /** Waits until these Kafka listeners have partitions: an event sent before could come late. */
    protected void awaitListening(String... listenerIds) {
        for (String id : listenerIds) {
            var container = listeners.getListenerContainer(id);
            await().until(() -> container.getAssignedPartitions() != null
                    && !container.getAssignedPartitions().isEmpty());
        }
    }

    /** Publishes {@code body} as the service at {@code source} does: a CloudEvent on its topic, keyed by ticket. */
    protected void publish(String source, TicketEvent body) {
        kafka.send(cloudEvent(source, body)).join();
    }

    /** {@code body} as a CloudEvents record on its catalog topic, keyed by ticket. */
    protected static ProducerRecord<String, byte[]> cloudEvent(String source, TicketEvent body) {
        return TicketEventRecords.of(body, source, UUID.randomUUID().toString());
    }
}
