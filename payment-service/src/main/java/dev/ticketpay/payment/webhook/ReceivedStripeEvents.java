package dev.ticketpay.payment.webhook;

import java.util.Comparator;

import dev.ticketpay.messaging.Sql;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/** The store of Stripe events: each id once, processed from here. {@link #claim(int)} needs a transaction. */
@Repository
class ReceivedStripeEvents {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** {@code returning} keeps no order: the events are handled as they came. */
    private static final Comparator<StoredEvent> IN_ARRIVAL = Comparator.comparing(StoredEvent::receivedAt,
            Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(StoredEvent::id);

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
     * The oldest unprocessed events that are due, at most {@code limit}, in the order they were received, locked for
     * this transaction and already marked processed in it, in one statement: the marks commit with the events'
     * effects, and a rollback takes them back. {@code skip locked} lets every instance (and every worker) process at
     * the same time without two of them taking the same event. The claimed ids are chosen once ({@code
     * materialized}), before any row is updated.
     */
    Flux<StoredEvent> claim(int limit) {
        return db.sql("""
                with due as materialized (
                    select id from stripe_events
                    where processed_at is null and (next_attempt_at is null or next_attempt_at <= now())
                    order by received_at, id limit :limit for update skip locked)
                update stripe_events e set processed_at = now(), last_error = null
                from due where e.id = due.id
                returning e.id, e.type, e.payload, e.received_at""")
                .bind("limit", limit)
                .map(ReceivedStripeEvents::event).all()
                .sort(IN_ARRIVAL);
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
