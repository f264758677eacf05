package dev.ticketpay.qr;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import dev.ticketpay.contracts.TicketConfirmed;
import dev.ticketpay.contracts.TicketEvent;
import dev.ticketpay.support.DevInfrastructure;
import dev.ticketpay.support.OnDevInfrastructure;
import dev.ticketpay.support.TicketEventRecords;
import org.apache.kafka.clients.producer.ProducerRecord;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The one qr-service context every integration test runs in, on real Kafka, PostgreSQL and JWTs. One context
 * matters: each context would sign with its own throw-away key and compete for the same topics, so a ticket
 * issued by one could not be checked in by another. Also what the tests all do to it: publish events as the other
 * services do, mint tokens, count rows.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@OnDevInfrastructure("qrcodes")
abstract class QrServiceIntegration {

    static final DevInfrastructure infrastructure = DevInfrastructure.shared();
    /** How long an event may take to have its effect on a busy machine. */
    static final Duration ASYNC = Duration.ofSeconds(30);
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired WebTestClient client;
    @Autowired KafkaTemplate<String, byte[]> kafka;
    @Autowired DatabaseClient db;

    /** Publishes the event on its topic as the other services do, and waits for Kafka's acknowledgement. */
    void publish(TicketEvent event) {
        kafka.send(record(event, UUID.randomUUID())).join();
    }

    /** The event as its publisher writes it: CloudEvents headers with this id, keyed by the ticket. */
    static ProducerRecord<String, byte[]> record(TicketEvent event, UUID eventId) {
        return TicketEventRecords.of(event, "/tests", eventId.toString());
    }

    /** A ticket confirmed now for a new order of {@code user}, at a random event. */
    static TicketConfirmed confirmedTicket(String user) {
        return new TicketConfirmed(newTicketId(), UUID.randomUUID(), UUID.randomUUID().toString(),
                ThreadLocalRandom.current().nextLong(1, 10_000), user + "-" + UUID.randomUUID(), 3, 0, "jpy",
                Instant.now());
    }

    static long newTicketId() {
        return ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2);
    }

    static String token(String subject, String role) {
        return infrastructure.tokens().mint(subject, List.of(role), subject + "@example.com");
    }

    /** The rows of {@code table} (a constant of the test, never input) for the ticket. */
    long rows(String table, long ticketId) {
        return db.sql("select count(*) as n from " + table + " where ticket_id = :id").bind("id", ticketId)
                .map(row -> row.get("n", Long.class)).one().block();
    }
}
