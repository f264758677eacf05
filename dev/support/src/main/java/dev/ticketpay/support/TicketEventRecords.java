package dev.ticketpay.support;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import dev.ticketpay.contracts.EventCatalog;
import dev.ticketpay.contracts.EventJson;
import dev.ticketpay.contracts.TicketEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A ticket event as a service's outbox relay publishes it, for tests that play another service on Kafka: a
 * binary-mode CloudEvent (type from the event catalog, the ticket as subject, JSON data) on the catalog's topic,
 * keyed by the ticket so that one ticket's events stay in order. Needs event-contracts and cloudevents-kafka, which
 * every service under test brings.
 */
public final class TicketEventRecords {

    private TicketEventRecords() {
    }

    /** The event published by {@code source} (a path such as {@code /payment-service}) with this CloudEvents id. */
    public static ProducerRecord<String, byte[]> of(TicketEvent event, String source, String eventId) {
        var entry = EventCatalog.of(event);
        String key = Long.toString(event.ticketId());
        var cloudEvent = CloudEventBuilder.v1()
                .withId(eventId)
                .withType(entry.type())
                .withSource(URI.create(source))
                .withSubject(key)
                .withTime(OffsetDateTime.now(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(EventJson.write(event))
                .build();
        return KafkaMessageFactory.createWriter(entry.topic(), null, null, key).writeBinary(cloudEvent);
    }
}
