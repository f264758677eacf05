package dev.ticketpay.payment.webhook;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

import dev.ticketpay.messaging.Sql;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/** The store of Stripe events: each id once, processed from here. Claims need a transaction. */
@Repository
class ReceivedStripeEvents {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** {@code returning} keeps no order: the events are handled as they came. */
    private static final Comparator<StoredEvent> IN_ARRIVAL = Comparator.comparing(StoredEvent::receivedAt,
            Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(StoredEvent::id);

    /** Marks the rows the common table {@code due} names processed; what a claim answers. */
    private static final String MARK_CLAIMED = """
            update stripe_events e set processed_at = now(), last_error = null
            from due where e.id = due.id %s
            returning e.id, e.type, e.payload, e.received_at""";

    private final DatabaseClient db;

    ReceivedStripeEvents(DatabaseClient db) {
        this.db = db;
    }

    /** True when the event is new; a second delivery of the same id changes nothing. */
    Mono<Boolean> add(String id, String type, String payload) {
        return db.sql("""
                insert into stripe_events (id, type, payload) values (:id, :type, :payload)
                on conflict (id) do nothing""")
                .bind("id", id)
                .bind("type", type)
                .bind("payload", Json.of(payload))
                .fetch().rowsUpdated()
                .map(rows -> rows == 1);
    }

    /**
     * The oldest unprocessed events that are due and were received more than {@code grace} ago, at most {@code
     * limit}, in the order they were received, locked for this transaction and already marked processed in it, in one
     * statement: the marks commit with the events' effects, and a rollback takes them back. {@code skip locked} lets
     * every instance (and every worker) process at the same time without two of them taking the same event. The
     * claimed ids are chosen once ({@code materialized}), before any row is updated.
     * <p>
     * This walks the index of unprocessed events from its oldest entry, and under a steady stream of webhooks that
     * index holds the entries of every event processed since the last vacuum until then: the walk grows by one entry
     * per event processed (thousands a minute). The events an instance stored itself are claimed by their ids instead
     * ({@link #claim(List)}), within {@code grace}; this one is the sweep for the rest.
     */
    Flux<StoredEvent> claim(int limit, Duration grace) {
        return claimed(db.sql("""
                with due as materialized (
                    select id from stripe_events
                    where processed_at is null and (next_attempt_at is null or next_attempt_at <= now())
                        and received_at < now() - :grace * interval '1 millisecond'
                    order by received_at, id limit :limit for update skip locked)
                """ + MARK_CLAIMED.formatted(""))
                .bind("limit", limit).bind("grace", grace.toMillis()));
    }

    /**
     * The events of {@code ids} that are still unprocessed and due, claimed as {@link #claim(int, Duration)} claims
     * them but found by their ids: a look-up per id in the primary key, however many events were processed before
     * them. The rows are locked first and checked afterwards, so that no condition of the look-up matches the
     * index of unprocessed events, which the planner would otherwise walk for them. An event another worker or
     * instance holds is skipped (it is that one's to process).
     */
    Flux<StoredEvent> claim(List<String> ids) {
        return claimed(db.sql("""
                with due as materialized (
                    select id, processed_at, next_attempt_at from stripe_events where id = any(:ids)
                    for update skip locked)
                """ + MARK_CLAIMED.formatted("""
                and due.processed_at is null and (due.next_attempt_at is null or due.next_attempt_at <= now())"""))
                .bind("ids", ids.toArray(String[]::new)));
    }

    private static Flux<StoredEvent> claimed(DatabaseClient.GenericExecuteSpec claim) {
        return claim.map(ReceivedStripeEvents::event).all().sort(IN_ARRIVAL);
    }

    /** The next attempt waits 2^attempts seconds, at most ten minutes. */
    Mono<Void> markFailed(String id, String error) {
        return db.sql("""
                update stripe_events set attempts = attempts + 1, last_error = :error,
                    next_attempt_at = now() + least(power(2, attempts), 600) * interval '1 second'
                where id = :id""")
                .bind("id", id)
                .bind("error", error == null ? "unknown" : error)
                .then();
    }

    private static StoredEvent event(Readable row) {
        return new StoredEvent(row.get("id", String.class), row.get("type", String.class),
                JSON.readTree(row.get("payload", Json.class).asString()), Sql.instant(row, "received_at"));
    }
}
