package dev.ticketpay.ticket.catalog;

import java.time.Instant;
import java.time.OffsetDateTime;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import static dev.ticketpay.messaging.Sql.bindNullable;

/**
 * The catalog's shows (table {@code events}) and their inventory. Seats are only ever taken by one conditional
 * update.
 */
@Repository
public class Shows {

    private static final String COLUMNS = "id, name, venue, starts_at, capacity, available, price, currency";

    private final DatabaseClient db;

    Shows(DatabaseClient db) {
        this.db = db;
    }

    public Flux<Show> all() {
        return db.sql("select " + COLUMNS + " from events order by starts_at, id").map(Shows::show).all();
    }

    public Mono<Show> byId(long id) {
        return db.sql("select " + COLUMNS + " from events where id = :id").bind("id", id).map(Shows::show).one();
    }

    public Mono<Show> add(NewEvent event) {
        return db.sql("""
                insert into events (name, venue, starts_at, capacity, available, price, currency)
                values (:name, :venue, :startsAt, :capacity, :capacity, :price, :currency)
                returning""" + " " + COLUMNS)
                .bind("name", event.name())
                .bind("venue", event.venue())
                .bind("startsAt", event.startsAt())
                .bind("capacity", event.capacity())
                .bind("price", event.price())
                .bind("currency", event.currency())
                .map(Shows::show).one();
    }

    /**
     * Applies an admin's changes in one conditional update, so it cannot race with buyers: a new capacity moves
     * {@code available} by the difference and is refused (empty) when it is below the seats already sold or held.
     * Empty also when there is no such event.
     */
    public Mono<Show> change(long id, EventChanges changes) {
        var statement = db.sql("""
                update events set
                    name = coalesce(:name, name),
                    venue = coalesce(:venue, venue),
                    starts_at = coalesce(:startsAt, starts_at),
                    price = coalesce(:price, price),
                    currency = coalesce(:currency, currency),
                    available = available + coalesce(:capacity, capacity) - capacity,
                    capacity = coalesce(:capacity, capacity)
                where id = :id and capacity - available <= coalesce(:capacity, capacity)
                returning""" + " " + COLUMNS)
                .bind("id", id);
        statement = bindNullable(statement, "name", changes.name(), String.class);
        statement = bindNullable(statement, "venue", changes.venue(), String.class);
        statement = bindNullable(statement, "startsAt", changes.startsAt(), Instant.class);
        statement = bindNullable(statement, "capacity", changes.capacity(), Integer.class);
        statement = bindNullable(statement, "price", changes.price(), Long.class);
        statement = bindNullable(statement, "currency", changes.currency(), String.class);
        return statement.map(Shows::show).one();
    }

    /**
     * Takes {@code quantity} seats if that many are left and the event has not started by {@code now}, atomically:
     * concurrent buyers on any number of instances can never take more than there is, nor buy once the event has
     * begun. Empty when there are not enough seats, the event has started, or there is no such event. Must run in
     * the transaction that records the ticket.
     */
    public Mono<Show> take(long eventId, int quantity, Instant now) {
        return db.sql("update events set available = available - :quantity"
                + " where id = :id and available >= :quantity and starts_at > :now returning " + COLUMNS)
                .bind("id", eventId)
                .bind("quantity", quantity)
                .bind("now", now)
                .map(Shows::show).one();
    }

    /** Puts seats back on sale (cancel, expiry). */
    public Mono<Void> release(long eventId, int quantity) {
        return db.sql("update events set available = available + :quantity where id = :id")
                .bind("id", eventId)
                .bind("quantity", quantity)
                .then();
    }

    private static Show show(Readable row) {
        return new Show(row.get("id", Long.class), row.get("name", String.class), row.get("venue", String.class),
                row.get("starts_at", OffsetDateTime.class).toInstant(), row.get("capacity", Integer.class),
                row.get("available", Integer.class), row.get("price", Long.class), row.get("currency", String.class));
    }
}
