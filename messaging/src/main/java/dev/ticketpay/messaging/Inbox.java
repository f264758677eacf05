package dev.ticketpay.messaging;

import java.time.Duration;
import java.util.UUID;
import java.util.function.Function;

import dev.ticketpay.contracts.EventCatalog;
import dev.ticketpay.contracts.EventJson;
import dev.ticketpay.contracts.TicketEvent;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The idempotent consumer. A record's CloudEvents id is written to the {@code inbox} table in the same
 * transaction as the record's effect, so an event delivered twice (redelivery after a crash, a relay that
 * published twice, two consumers during a rebalance) changes state once.
 */
public final class Inbox {

    private static final Logger log = LoggerFactory.getLogger(Inbox.class);

    private final DatabaseClient db;
    private final TransactionalOperator transactions;
    private final String consumer;
    private final Duration timeout;

    Inbox(DatabaseClient db, TransactionalOperator transactions, String consumer, Duration timeout) {
        this.db = db;
        this.transactions = transactions;
        this.consumer = consumer;
        this.timeout = timeout;
    }

    /**
     * Applies {@code effect} to the record's event unless this service has applied it before. Called from a
     * {@code @KafkaListener} method; it waits for the effect on the listener's own thread (never an event-loop
     * thread) so the container keeps the partition's order and its error handler can retry the record and
     * keep retrying it while the failure lasts (a database outage, say).
     *
     * @throws PoisonRecord when the record is no CloudEvent, its type is unknown to this build or its body does
     *         not match its type; such a record is never retried, it goes straight to {@code <topic>.dlt}
     */
    public void receive(ConsumerRecord<String, byte[]> record, Function<TicketEvent, Mono<Void>> effect) {
        CloudEvent cloudEvent;
        try {
            cloudEvent = KafkaMessageFactory.createReader(record).toEvent();
        }
        catch (RuntimeException e) {
            throw new PoisonRecord(PoisonRecord.Reason.UNREADABLE, "record " + record.topic() + "/"
                    + record.partition() + "@" + record.offset() + " carries no CloudEvent headers", e);
        }
        var entry = EventCatalog.byType(cloudEvent.getType()).orElseThrow(() -> new PoisonRecord(
                PoisonRecord.Reason.UNKNOWN_TYPE, "event " + cloudEvent.getId() + " has the type "
                        + cloudEvent.getType() + ", which this version does not know", null));
        TicketEvent event = read(cloudEvent, entry.javaType());
        UUID eventId = eventId(cloudEvent);
        transactions.transactional(firstDelivery(eventId, cloudEvent.getType())
                .flatMap(first -> first ? effect.apply(event).thenReturn(true) : Mono.just(false)))
                .doOnNext(applied -> {
                    if (!applied) {
                        log.debug("Event {} was applied before; ignoring the redelivery", eventId);
                    }
                })
                .block(timeout);
    }

    private Mono<Boolean> firstDelivery(UUID eventId, String type) {
        return db.sql("""
                insert into inbox (consumer, event_id, event_type) values (:consumer, :eventId, :type)
                on conflict do nothing""")
                .bind("consumer", consumer)
                .bind("eventId", eventId)
                .bind("type", type)
                .fetch().rowsUpdated()
                .map(rows -> rows == 1);
    }

    private static TicketEvent read(CloudEvent cloudEvent, Class<? extends TicketEvent> type) {
        try {
            return EventJson.read(cloudEvent.getData().toBytes(), type);
        }
        catch (RuntimeException e) {
            throw new PoisonRecord(PoisonRecord.Reason.SCHEMA_MISMATCH, "event " + cloudEvent.getId() + " of type "
                    + cloudEvent.getType() + " has a body that does not match its schema", e);
        }
    }

    private static UUID eventId(CloudEvent cloudEvent) {
        try {
            return UUID.fromString(cloudEvent.getId());
        }
        catch (IllegalArgumentException e) {
            // ids of other producers need not be UUIDs: derive a stable one so de-duplication still holds
            return UUID.nameUUIDFromBytes((cloudEvent.getSource() + "|" + cloudEvent.getId()).getBytes());
        }
    }
}
