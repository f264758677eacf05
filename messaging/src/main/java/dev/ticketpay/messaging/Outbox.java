package dev.ticketpay.messaging;

import java.util.UUID;

import dev.ticketpay.contracts.EventCatalog;
import dev.ticketpay.contracts.EventJson;
import dev.ticketpay.contracts.TicketEvent;
import dev.ticketpay.observability.InTrace;
import dev.ticketpay.observability.Traceparent;
import io.r2dbc.postgresql.codec.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Records events to publish. {@link #append} must run inside the transaction of the state change it
 * describes: both commit together or neither does, and the {@link OutboxRelay} publishes the row afterwards. The
 * row keeps the {@code traceparent} of the observation the chain runs in (an HTTP request's, a consumed event's),
 * so the trace goes on with the event.
 */
public final class Outbox {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    private final DatabaseClient db;

    Outbox(DatabaseClient db) {
        this.db = db;
    }

    /** Adds the event to the current transaction's outbox; it gets a fresh CloudEvents id. */
    public Mono<Void> append(TicketEvent event) {
        var entry = EventCatalog.of(event);
        return Mono.deferContextual(context -> {
            String traceparent = Traceparent.of(context);
            if (log.isDebugEnabled()) {
                InTrace.run(context, () -> log.debug("Appending {} of ticket {} to the outbox", entry.type(),
                        event.ticketId()));
            }
            var insert = db.sql("""
                    insert into outbox (event_id, topic, message_key, event_type, payload, traceparent)
                    values (:eventId, :topic, :key, :type, :payload, :traceparent)""")
                    .bind("eventId", UUID.randomUUID())
                    .bind("topic", entry.topic())
                    .bind("key", Long.toString(event.ticketId()))
                    .bind("type", entry.type())
                    .bind("payload", Json.of(EventJson.write(event)));
            return (traceparent != null ? insert.bind("traceparent", traceparent)
                    : insert.bindNull("traceparent", String.class)).then();
        });
    }
}
