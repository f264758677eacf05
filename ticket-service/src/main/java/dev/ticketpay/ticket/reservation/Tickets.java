package dev.ticketpay.ticket.reservation;

import java.time.Instant;
import java.util.UUID;

import dev.ticketpay.ticket.reservation.Ticket.CheckoutLink;
import dev.ticketpay.ticket.reservation.Ticket.Purchase;
import dev.ticketpay.ticket.reservation.Ticket.QrCode;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import static dev.ticketpay.messaging.Sql.bindNullable;
import static dev.ticketpay.messaging.Sql.instant;
import static dev.ticketpay.messaging.Sql.utc;

/** The tickets. Every update notifies {@code ticket_changed} (a trigger) so waiting requests wake up. */
@Repository
public class Tickets {

    private static final String COLUMNS = """
            id, order_id, ticket_code, event_id, event_name, user_id, email, quantity, amount, currency, status,
            expires_at, qr_payload, qr_code_data, checkout_session_id, checkout_url, failure_reason, channel""";

    private final DatabaseClient db;

    Tickets(DatabaseClient db) {
        this.db = db;
    }

    Mono<Ticket> insert(Ticket ticket) {
        Purchase purchase = ticket.purchase();
        var statement = db.sql("""
                insert into tickets (order_id, ticket_code, event_id, event_name, user_id, email, quantity, amount,
                                     currency, status, expires_at, channel)
                values (:orderId, :code, :eventId, :eventName, :userId, :email, :quantity, :amount, :currency,
                        :status, :expiresAt, :channel)
                returning id""")
                .bind("orderId", purchase.orderId())
                .bind("code", ticket.code())
                .bind("eventId", purchase.eventId())
                .bind("eventName", purchase.eventName())
                .bind("userId", purchase.userId())
                .bind("quantity", purchase.quantity())
                .bind("amount", purchase.amount())
                .bind("currency", purchase.currency())
                .bind("status", ticket.status().value())
                .bind("channel", purchase.channel());
        statement = bindNullable(statement, "email", purchase.email(), String.class);
        statement = bindNullable(statement, "expiresAt", ticket.expiresAt());
        return statement.map(row -> row.get("id", Long.class)).one().map(ticket::withId);
    }

    public Mono<Ticket> byId(long id) {
        return db.sql("select " + COLUMNS + " from tickets where id = :id").bind("id", id).map(Tickets::ticket).one();
    }

    public Mono<Ticket> byOrderId(UUID orderId) {
        return db.sql("select " + COLUMNS + " from tickets where order_id = :orderId").bind("orderId", orderId)
                .map(Tickets::ticket).one();
    }

    /** The ticket, locked until the end of the current transaction: its changes are serialised. */
    Mono<Ticket> lock(long id) {
        return db.sql("select " + COLUMNS + " from tickets where id = :id for update").bind("id", id)
                .map(Tickets::ticket).one();
    }

    /** Writes the ticket's state (status, checkout, failure). */
    Mono<Ticket> save(Ticket ticket) {
        CheckoutLink checkout = ticket.checkout();
        var statement = db.sql("""
                update tickets set status = :status, checkout_session_id = :sessionId, checkout_url = :url,
                                   failure_reason = :reason, updated_at = now()
                where id = :id""")
                .bind("id", ticket.id())
                .bind("status", ticket.status().value());
        statement = bindNullable(statement, "sessionId", checkout == null ? null : checkout.sessionId(), String.class);
        statement = bindNullable(statement, "url", checkout == null ? null : checkout.url(), String.class);
        statement = bindNullable(statement, "reason", ticket.failureReason(), String.class);
        return statement.then().thenReturn(ticket);
    }

    /**
     * Claims an idempotency key for this user; false when it was used before. Concurrent requests with the
     * same key queue on a transaction-scoped advisory lock, so the second one sees the first one's ticket.
     */
    Mono<Boolean> claimRequest(String userId, String key) {
        return db.sql("select pg_advisory_xact_lock(hashtext(:scope))").bind("scope", userId + "/" + key)
                .then()
                .then(db.sql("select 1 as found from purchase_requests"
                                + " where user_id = :userId and idempotency_key = :key")
                        .bind("userId", userId).bind("key", key).map(row -> false).one()
                        .defaultIfEmpty(true));
    }

    Mono<Void> recordRequest(String userId, String key, String fingerprint, long ticketId) {
        return db.sql("""
                insert into purchase_requests (user_id, idempotency_key, fingerprint, ticket_id)
                values (:userId, :key, :fingerprint, :ticketId)""")
                .bind("userId", userId).bind("key", key).bind("fingerprint", fingerprint).bind("ticketId", ticketId)
                .then();
    }

    /** A buyer's tickets, the newest first, at most {@code limit}. */
    public Flux<Ticket> ownedBy(String userId, int limit) {
        return db.sql("select " + COLUMNS + " from tickets where user_id = :userId order by id desc limit :limit")
                .bind("userId", userId).bind("limit", limit).map(Tickets::ticket).all();
    }

    /** The ticket of an earlier request with this key, if it was the same request. */
    Mono<Ticket> requestedBefore(String userId, String key, String fingerprint) {
        return db.sql("select ticket_id, fingerprint from purchase_requests"
                        + " where user_id = :userId and idempotency_key = :key")
                .bind("userId", userId).bind("key", key)
                .map(row -> fingerprint.equals(row.get("fingerprint", String.class))
                        ? row.get("ticket_id", Long.class) : -1L)
                .one()
                .filter(id -> id > 0)
                .flatMap(this::byId);
    }

    /** Reservations whose hold has run out, locked; rows another instance is expiring are skipped. */
    Flux<Ticket> lockOverdue(Instant now, int limit) {
        return db.sql("select " + COLUMNS + " from tickets where status = 'reserved' and expires_at < :now"
                + " order by expires_at limit :limit for update skip locked")
                .bind("now", utc(now))
                .bind("limit", limit)
                .map(Tickets::ticket).all();
    }

    /** Stores the QR code issued for the ticket; a second issue of the same code changes nothing. */
    Mono<Void> attachQrCode(long id, String payload, String qrCodeData) {
        return db.sql("update tickets set qr_payload = :payload, qr_code_data = :png, updated_at = now()"
                + " where id = :id and qr_code_data is null")
                .bind("id", id)
                .bind("payload", payload)
                .bind("png", qrCodeData)
                .then();
    }

    /** The one mapping of a row of {@link #COLUMNS} to a ticket. */
    private static Ticket ticket(Readable row) {
        String sessionId = row.get("checkout_session_id", String.class);
        String checkoutUrl = row.get("checkout_url", String.class);
        String qrCodeData = row.get("qr_code_data", String.class);
        var purchase = new Purchase(row.get("order_id", UUID.class), row.get("event_id", Long.class),
                row.get("event_name", String.class), row.get("user_id", String.class), row.get("email", String.class),
                row.get("quantity", Integer.class), row.get("amount", Long.class), row.get("currency", String.class),
                row.get("channel", String.class));
        return new Ticket(row.get("id", Long.class), row.get("ticket_code", UUID.class),
                TicketStatus.of(row.get("status", String.class)), instant(row, "expires_at"),
                row.get("failure_reason", String.class), purchase,
                sessionId == null && checkoutUrl == null ? null : new CheckoutLink(sessionId, checkoutUrl),
                qrCodeData == null ? null : new QrCode(row.get("qr_payload", String.class), qrCodeData));
    }
}
