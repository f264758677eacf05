package dev.ticketpay.payment.intent;

import java.util.UUID;

import dev.ticketpay.contracts.TicketReserved;
import dev.ticketpay.messaging.Sql;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/** The orders paid through PaymentIntents; orders of the classic API are only looked up, in checkout's table. */
@Repository
class Orders {

    /** By the order's id, which the client names: indexed ({@code checkout_sessions_order}). */
    static final String CLASSIC_ORDER = """
            select order_id, ticket_id, user_id, amount, currency, expires_at from checkout_sessions
            where order_id = :orderId""";

    private final DatabaseClient db;

    Orders(DatabaseClient db) {
        this.db = db;
    }

    /** Stores the order unless it is known; answers the stored one either way. */
    Mono<Order> addIfAbsent(Order order) {
        var spec = db.sql("""
                insert into orders (order_id, ticket_id, user_id, email, amount, currency, expires_at, state)
                values (:orderId, :ticketId, :userId, :email, :amount, :currency, :expiresAt, :state)
                on conflict do nothing returning *""")
                .bind("orderId", order.orderId())
                .bind("ticketId", order.ticketId())
                .bind("userId", order.userId())
                .bind("amount", order.amount())
                .bind("currency", order.currency())
                .bind("expiresAt", Sql.utc(order.expiresAt()))
                .bind("state", order.state());
        return Sql.storedOrExisting(Sql.bindNullable(spec, "email", order.email()), Orders::order,
                () -> byId(order.orderId()));
    }

    Mono<Order> byId(UUID orderId) {
        return db.sql("select * from orders where order_id = :orderId").bind("orderId", orderId)
                .map(Orders::order).one();
    }

    Mono<Order> byTicket(long ticketId) {
        return db.sql("select * from orders where ticket_id = :ticketId").bind("ticketId", ticketId)
                .map(Orders::order).one();
    }

    /** An order of the classic purchase API, known from its Checkout Session. */
    Mono<Order> classic(UUID orderId) {
        return db.sql(CLASSIC_ORDER)
                .bind("orderId", orderId)
                .map(row -> new Order(row.get("order_id", UUID.class), row.get("ticket_id", Long.class),
                        row.get("user_id", String.class), null, row.get("amount", Long.class),
                        row.get("currency", String.class), Sql.instant(row, "expires_at"), Order.RESERVED,
                        TicketReserved.CHECKOUT))
                .one();
    }

    /** The ticket moved on (paid, cancelled, expired); answers whether the ticket is one of these orders. */
    Mono<Boolean> moveTo(long ticketId, String state) {
        return db.sql("update orders set state = :state, updated_at = now() where ticket_id = :ticketId")
                .bind("state", state).bind("ticketId", ticketId)
                .fetch().rowsUpdated().map(rows -> rows > 0);
    }

    private static Order order(Readable row) {
        return new Order(row.get("order_id", UUID.class), row.get("ticket_id", Long.class),
                row.get("user_id", String.class), row.get("email", String.class), row.get("amount", Long.class),
                row.get("currency", String.class), Sql.instant(row, "expires_at"), row.get("state", String.class),
                TicketReserved.PAYMENT_INTENT);
    }
}
