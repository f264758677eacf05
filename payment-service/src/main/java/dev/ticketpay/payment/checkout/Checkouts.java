package dev.ticketpay.payment.checkout;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

import dev.ticketpay.messaging.Sql;
import dev.ticketpay.payment.PaymentStatus;
import dev.ticketpay.payment.PaymentStore;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/** The checkouts, one per ticket. Methods named {@code lock…} must run inside a transaction. */
@Repository
class Checkouts implements PaymentStore<Checkout> {

    private final DatabaseClient db;

    Checkouts(DatabaseClient db) {
        this.db = db;
    }

    /** Stores a new checkout unless the ticket has one; answers the ticket's checkout either way. */
    Mono<Checkout> addIfAbsent(Checkout checkout) {
        var insert = db.sql("""
                insert into checkout_sessions (ticket_id, order_id, user_id, amount, currency, status, expires_at)
                values (:ticketId, :orderId, :userId, :amount, :currency, :status, :expiresAt)
                on conflict (ticket_id) do nothing returning *""")
                .bind("ticketId", checkout.ticketId())
                .bind("orderId", checkout.orderId())
                .bind("userId", checkout.userId())
                .bind("amount", checkout.amount())
                .bind("currency", checkout.currency())
                .bind("status", checkout.status().value())
                .bind("expiresAt", Sql.utc(checkout.expiresAt()));
        return Sql.storedOrExisting(insert, Checkouts::checkout, () -> byTicket(checkout.ticketId()));
    }

    Mono<Checkout> byTicket(long ticketId) {
        return one("select * from checkout_sessions where ticket_id = :id", ticketId);
    }

    Mono<Checkout> bySession(String sessionId) {
        return one("select * from checkout_sessions where session_id = :id", sessionId);
    }

    Mono<Checkout> lockTicket(long ticketId) {
        return one("select * from checkout_sessions where ticket_id = :id for update", ticketId);
    }

    Mono<Checkout> lockSession(String sessionId) {
        return one("select * from checkout_sessions where session_id = :id for update", sessionId);
    }

    /** Remembers that we are about to expire the session ourselves; see {@link SessionOutcomes#expired}. */
    Mono<Void> markCancelRequested(long ticketId) {
        return db.sql("""
                update checkout_sessions set cancel_requested_at = coalesce(cancel_requested_at, now()),
                    updated_at = now() where ticket_id = :ticketId""")
                .bind("ticketId", ticketId).then();
    }

    /** {@code eventCreated} is not kept for checkouts: a session's events cannot overtake each other's effect. */
    @Override
    public Mono<Void> save(Checkout checkout, Instant eventCreated, String failureReason) {
        var spec = db.sql("""
                update checkout_sessions set status = :status, session_id = :sessionId, checkout_url = :url,
                    payment_intent_id = :paymentIntent,
                    failure_reason = coalesce(:failureReason, failure_reason), updated_at = now()
                where ticket_id = :ticketId""")
                .bind("ticketId", checkout.ticketId())
                .bind("status", checkout.status().value());
        spec = Sql.bindNullable(spec, "sessionId", checkout.sessionId());
        spec = Sql.bindNullable(spec, "url", checkout.checkoutUrl());
        spec = Sql.bindNullable(spec, "paymentIntent", checkout.paymentIntentId());
        return Sql.bindNullable(spec, "failureReason", failureReason).then();
    }

    Mono<Void> save(Checkout checkout) {
        return save(checkout, null, null);
    }

    private Mono<Checkout> one(String sql, Object id) {
        return db.sql(sql).bind("id", id).map(Checkouts::checkout).one();
    }

    private static Checkout checkout(Readable row) {
        return new Checkout(row.get("ticket_id", Long.class), row.get("order_id", UUID.class),
                row.get("user_id", String.class), row.get("amount", Long.class), row.get("currency", String.class),
                PaymentStatus.of(row.get("status", String.class)), row.get("session_id", String.class),
                row.get("checkout_url", String.class), Sql.instant(row, "expires_at"),
                row.get("payment_intent_id", String.class),
                row.get("cancel_requested_at", OffsetDateTime.class) != null);
    }
}
