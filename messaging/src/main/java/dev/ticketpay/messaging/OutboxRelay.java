package dev.ticketpay.messaging;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import dev.ticketpay.observability.Traceparent;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.r2dbc.postgresql.codec.Json;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Publishes committed outbox rows to Kafka, in the order they were written, and marks them published.
 *
 * <p>It runs as a {@link Repeating} job. A row's commit notifies every instance (an insert trigger calls {@code
 * pg_notify('outbox')}), which wakes the job, so a row is usually on Kafka a few milliseconds after its transaction
 * commits; a slow timer covers missed notifications and failed attempts. Each drain runs in one transaction holding a
 * transaction-scoped advisory lock, so with several instances exactly one publishes at a time: no row goes out twice in
 * parallel and the order per key holds. A drain takes batches until one comes back short of the batch size (no empty
 * round to find out that nothing is left): a row committed after the last read notifies again, and every instance
 * re-drains after each notification, so no committed row is skipped. If Kafka is down the transaction rolls back and
 * the rows wait for the next attempt; a batch acknowledged by Kafka but not marked (crash in between) is published
 * again, which the consumers' inbox makes harmless. A row Kafka refuses for good (too large, say) is parked with its
 * error instead of blocking the rows behind it; operators see it in the health details and metrics and can release it.
 *
 * <p>A row written inside a trace carries its {@code traceparent}; the relay continues that trace with a short
 * producer span per record ({@code <topic> publish}, from hand-over to Kafka's acknowledgement) and puts the span's
 * {@code traceparent} on the record as a header of that name, where consumers pick it up. Without tracing the
 * stored value goes on the record as it is.
 */
public final class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    /** Any fixed number; the lock is per database, so relays of different services never contend. */
    private static final long RELAY_LOCK = 0x7469636b6574L;

    private final DatabaseClient db;
    private final TransactionalOperator transactions;
    private final KafkaTemplate<String, byte[]> kafka;
    private final MessagingSettings settings;
    private final URI source;
    private final KafkaAdmin admin;
    private volatile boolean topicsReady;
    private final Tracer tracer;
    private final Propagator propagator;

    OutboxRelay(DatabaseClient db, TransactionalOperator transactions, KafkaTemplate<String, byte[]> kafka,
            KafkaAdmin admin, MessagingSettings settings, Tracer tracer, Propagator propagator) {
        this.db = db;
        this.tracer = tracer;
        this.propagator = propagator;
        this.admin = admin;
        this.transactions = transactions;
        this.kafka = kafka;
        this.settings = settings;
        this.source = URI.create(settings.source());
    }

    /** Publishes everything unpublished; emits how many rows went out. */
    public Mono<Integer> drain() {
        int full = settings.relayBatchSize();
        return ensureTopics().then(publishBatch())
                .expand(published -> published >= full ? publishBatch() : Mono.empty())
                .reduce(0, Integer::sum);
    }

    /**
     * The topics are created when the service starts; if Kafka was down then, they are created before the
     * first publication instead (the admin call blocks, so it runs off the event loop).
     */
    private Mono<Void> ensureTopics() {
        if (topicsReady) {
            return Mono.empty();
        }
        return Mono.fromCallable(admin::initialize).subscribeOn(Schedulers.boundedElastic())
                .doOnNext(created -> topicsReady = created)
                .then();
    }

    private Mono<Integer> publishBatch() {
        return transactions.transactional(
                db.sql("select pg_try_advisory_xact_lock(:lock) as locked").bind("lock", RELAY_LOCK)
                        .map(row -> row.get("locked", Boolean.class)).one()
                        .flatMap(locked -> locked ? unpublished().flatMap(this::publishAndMark) : Mono.just(0)))
                // a hung connection or broker must not stop the relay: give up this round, the next one retries
                .timeout(settings.databaseTimeout().plus(settings.sendTimeout()));
    }

    private Mono<List<Row>> unpublished() {
        return db.sql("""
                select id, event_id, topic, message_key, event_type, payload, created_at, traceparent
                from outbox where published_at is null and parked_at is null order by id limit :limit""")
                .bind("limit", settings.relayBatchSize())
                .map(row -> new Row(row.get("id", Long.class), row.get("event_id", UUID.class),
                        row.get("topic", String.class), row.get("message_key", String.class),
                        row.get("event_type", String.class), row.get("payload", Json.class).asArray(),
                        row.get("created_at", OffsetDateTime.class), row.get("traceparent", String.class)))
                .all().collectList();
    }

    /**
     * Marks what Kafka acknowledged as published and parks what it refused for good. Any transient failure
     * (Kafka away, a timeout) fails the whole round instead, so nothing is marked and the batch goes out again
     * later in the same order; the consumers' inbox absorbs the repeats of rows that did get through.
     */
    private Mono<Integer> publishAndMark(List<Row> rows) {
        if (rows.isEmpty()) {
            return Mono.just(0);
        }
        return send(rows).flatMap(failures -> {
            var transientFailure = failures.stream().filter(f -> f != null && !DeliveryFailures.isRefusedForGood(f))
                    .findFirst();
            if (transientFailure.isPresent()) {
                return Mono.error(transientFailure.get());
            }
            var published = new ArrayList<Long>();
            var parked = Flux.<Void>empty();
            for (int i = 0; i < rows.size(); i++) {
                if (failures.get(i) == null) {
                    published.add(rows.get(i).id());
                }
                else {
                    parked = parked.concatWith(park(rows.get(i), failures.get(i)));
                }
            }
            return db.sql("update outbox set published_at = now() where id = any(:ids)")
                    .bind("ids", published.toArray(Long[]::new))
                    .fetch().rowsUpdated()
                    .then(parked.then())
                    .thenReturn(rows.size());
        });
    }

    private Mono<Void> park(Row row, Throwable failure) {
        log.error("Kafka refused outbox row {} ({} for ticket {}) for good; parked: {}", row.id(), row.type(),
                row.key(), DeliveryFailures.rootMessage(failure));
        return db.sql("update outbox set parked_at = now(), last_error = :error where id = :id")
                .bind("error", DeliveryFailures.rootMessage(failure))
                .bind("id", row.id())
                .then();
    }

    /**
     * Hands the rows to the producer in order, then waits for every answer: one entry per row, null where Kafka
     * acknowledged it. The producer is idempotent, so records of one key keep their order even when a send is
     * retried. {@code send} may block while the producer fetches metadata, so it runs off the event loop.
     */
    private Mono<List<Throwable>> send(List<Row> rows) {
        return Mono.fromCallable(() -> rows.stream().map(this::sendOne).toList())
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(sends -> Mono.fromFuture(CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)))
                        .then(Mono.fromSupplier(() -> sends.stream().map(CompletableFuture::join).toList())))
                .timeout(settings.sendTimeout());
    }

    private CompletableFuture<Throwable> sendOne(Row row) {
        Span span = publishSpan(row);
        try {
            String traceparent = Traceparent.of(span);
            return kafka.send(record(row, traceparent != null ? traceparent : row.traceparent()))
                    .handle((result, failure) -> ended(span, failure));
        }
        catch (RuntimeException e) {
            return CompletableFuture.completedFuture(ended(span, e));
        }
    }

    /** A producer span continuing the row's trace; null when the row has none or tracing is off. */
    private Span publishSpan(Row row) {
        if (tracer == null || propagator == null || !Traceparent.valid(row.traceparent())) {
            return null;
        }
        return propagator.extract(row.traceparent(), (traceparent, key) -> Traceparent.HEADER.equals(key)
                        ? traceparent : null)
                .name(row.topic() + " publish")
                .kind(Span.Kind.PRODUCER)
                .remoteServiceName("kafka")
                .tag("messaging.system", "kafka")
                .tag("messaging.destination.name", row.topic())
                .tag("messaging.message.id", row.eventId().toString())
                .tag("cloudevents.event_type", row.type())
                .start();
    }

    private static Throwable ended(Span span, Throwable failure) {
        if (span != null) {
            if (failure != null) {
                span.error(failure);
            }
            span.end();
        }
        return failure;
    }

    private ProducerRecord<String, byte[]> record(Row row, String traceparent) {
        CloudEvent event = CloudEventBuilder.v1()
                .withId(row.eventId().toString())
                .withType(row.type())
                .withSource(source)
                .withSubject(row.key())
                .withTime(row.createdAt().withOffsetSameInstant(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(row.payload())
                .build();
        var record = KafkaMessageFactory.createWriter(row.topic(), null, null, row.key()).writeBinary(event);
        if (traceparent != null) {
            record.headers().add(Traceparent.HEADER, traceparent.getBytes(StandardCharsets.US_ASCII));
        }
        return record;
    }

    private record Row(long id, UUID eventId, String topic, String key, String type, byte[] payload,
            OffsetDateTime createdAt, String traceparent) {
    }
}
