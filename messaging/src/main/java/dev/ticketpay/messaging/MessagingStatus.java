package dev.ticketpay.messaging;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * What operators need to see of the event mechanics: dead letters waiting per topic, the outbox backlog and the
 * age of its oldest unpublished row, and outbox rows parked because Kafka refused them. Served as the
 * {@code messaging} health details (always UP when it can be read: dead letters are work for operators, not a
 * reason to take the service out of rotation) and as gauges, refreshed by a {@link Repeating} job.
 */
public final class MessagingStatus implements ReactiveHealthIndicator {

    /** One reading. */
    public record Snapshot(Map<String, Long> deadLetters, long outboxBacklog, long oldestUnpublishedSeconds,
            long parked) {
    }

    private final DatabaseClient db;
    private final DeadLetters deadLetters;
    private final MeterRegistry meters;
    private final Map<String, AtomicLong> deadLetterGauges = new ConcurrentHashMap<>();
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldest = new AtomicLong();
    private final AtomicLong parked = new AtomicLong();

    MessagingStatus(DatabaseClient db, DeadLetters deadLetters, MeterRegistry meters) {
        this.db = db;
        this.deadLetters = deadLetters;
        this.meters = meters;
        if (meters != null) {
            Gauge.builder("ticketpay.outbox.backlog", backlog, AtomicLong::get)
                    .description("Outbox rows not yet published").register(meters);
            Gauge.builder("ticketpay.outbox.oldest.unpublished", oldest, AtomicLong::get).baseUnit("seconds")
                    .description("Age of the oldest unpublished outbox row").register(meters);
            Gauge.builder("ticketpay.outbox.parked", parked, AtomicLong::get)
                    .description("Outbox rows Kafka refused for good, waiting for an operator").register(meters);
        }
    }

    /** Reads the figures now and updates the gauges. */
    public Mono<Snapshot> read() {
        return deadLetters.pendingByTopic().zipWith(db.sql("""
                select count(*) filter (where parked_at is null) as backlog,
                       coalesce(extract(epoch from now() - min(created_at) filter (where parked_at is null)), 0)
                           as oldest,
                       count(*) filter (where parked_at is not null) as parked
                from outbox where published_at is null""")
                .map(row -> new long[] {row.get("backlog", Long.class), row.get("oldest", Number.class).longValue(),
                        row.get("parked", Long.class)})
                .one())
                .map(both -> new Snapshot(both.getT1(), both.getT2()[0], both.getT2()[1], both.getT2()[2]))
                .doOnNext(this::publish);
    }

    private void publish(Snapshot snapshot) {
        backlog.set(snapshot.outboxBacklog());
        oldest.set(snapshot.oldestUnpublishedSeconds());
        parked.set(snapshot.parked());
        snapshot.deadLetters().forEach((topic, count) -> deadLetterGauges.computeIfAbsent(topic, this::gauge)
                .set(count));
    }

    private AtomicLong gauge(String topic) {
        var value = new AtomicLong();
        if (meters != null) {
            Gauge.builder("ticketpay.dead.letters", value, AtomicLong::get).tag("topic", topic)
                    .description("Dead letters of this service not replayed yet").register(meters);
        }
        return value;
    }

    @Override
    public Mono<Health> health() {
        return read().map(snapshot -> Health.up()
                .withDetail("dead_letters", snapshot.deadLetters())
                .withDetail("outbox_backlog", snapshot.outboxBacklog())
                .withDetail("outbox_oldest_unpublished_seconds", snapshot.oldestUnpublishedSeconds())
                .withDetail("outbox_parked", snapshot.parked())
                .build());
    }
}
