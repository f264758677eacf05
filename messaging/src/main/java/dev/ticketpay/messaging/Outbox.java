package dev.ticketpay.messaging;

import java.util.UUID;

import dev.ticketpay.contracts.EventCatalog;
import dev.ticketpay.contracts.EventJson;
import dev.ticketpay.contracts.TicketEvent;
import io.r2dbc.postgresql.codec.Json;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Records events to publish. {@link #append} must run inside the transaction of the state change it
 * describes: both commit together or neither does, and the {@link OutboxRelay} publishes the row afterwards.
 */
public final class Outbox {

    private final DatabaseClient db;

    Outbox(DatabaseClient db) {
        this.db = db;
    }

    /** Adds the event to the current transaction's outbox; it gets a fresh CloudEvents id. */
    public Mono<Void> append(TicketEvent event) {
        var entry = EventCatalog.of(event);
        return db.sql("""
                insert into outbox (event_id, topic, message_key, event_type, payload)
                values (:eventId, :topic, :key, :type, :payload)""")
                .bind("eventId", UUID.randomUUID())
                .bind("topic", entry.topic())
                .bind("key", Long.toString(event.ticketId()))
                .bind("type", entry.type())
                .bind("payload", Json.of(EventJson.write(event)))
                .then();
    }
}
