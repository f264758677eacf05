package dev.ticketpay.qr;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import dev.ticketpay.contracts.EventCatalog;
import dev.ticketpay.contracts.EventJson;
import dev.ticketpay.contracts.PaymentDisputeClosed;
import dev.ticketpay.contracts.PaymentDisputed;
import dev.ticketpay.contracts.TicketEvent;
import dev.ticketpay.contracts.Topics;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.awaitility.Awaitility.await;

/** A disputed ticket admits nobody: PaymentDisputed revokes it; a dispute won (PaymentDisputeClosed) lifts that. */
class DisputeRevocationIntegrationTests extends QrServiceIntegration {

    static final Duration ASYNC = Duration.ofSeconds(30);

    @Autowired KafkaTemplate<String, byte[]> kafka;
    @Autowired DatabaseClient db;

    @Test
    void aDisputeRevokesTheTicketAndAWonDisputeMakesItValidAgain() {
        long ticketId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2);
        var orderId = UUID.randomUUID();

        send(new PaymentDisputed(ticketId, orderId, "dp_1", "pi_1", 1000, "jpy", "fraudulent", Instant.now()));
        await().atMost(ASYNC).until(() -> revoked(ticketId));

        send(new PaymentDisputeClosed(ticketId, orderId, "dp_1", PaymentDisputeClosed.WON, 1000, "jpy",
                Instant.now()));
        await().atMost(ASYNC).until(() -> !revoked(ticketId));
    }

    @Test
    void aLostDisputeKeepsTheTicketRevoked() {
        long ticketId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2);
        var orderId = UUID.randomUUID();
        send(new PaymentDisputed(ticketId, orderId, "dp_2", "pi_2", 1000, "jpy", "fraudulent", Instant.now()));
        await().atMost(ASYNC).until(() -> revoked(ticketId));

        send(new PaymentDisputeClosed(ticketId, orderId, "dp_2", PaymentDisputeClosed.LOST, 1000, "jpy",
                Instant.now()));

        await().during(Duration.ofSeconds(2)).atMost(ASYNC).until(() -> revoked(ticketId));
    }

    private void send(TicketEvent event) {
        var cloudEvent = CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString())
                .withType(EventCatalog.of(event).type())
                .withSource(URI.create("/tests"))
                .withSubject(Long.toString(event.ticketId()))
                .withTime(OffsetDateTime.now(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(EventJson.write(event))
                .build();
        kafka.send(KafkaMessageFactory.createWriter(Topics.PAYMENTS, null, null, Long.toString(event.ticketId()))
                .writeBinary(cloudEvent)).join();
    }

    private boolean revoked(long ticketId) {
        return db.sql("select count(*) as n from qr_revocations where ticket_id = :id").bind("id", ticketId)
                .map(row -> row.get("n", Long.class)).one().block() == 1;
    }
}
