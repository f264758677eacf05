package dev.ticketpay.payment.intent;

import java.time.Instant;
import java.util.UUID;

import dev.ticketpay.messaging.Sql;
import dev.ticketpay.payment.PaymentStatus;
import dev.ticketpay.payment.PaymentStore;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/** The payments, one per order. Methods named {@code lock…} must run inside a transaction. */
@Repository
class Payments implements PaymentStore<Payment> {

    private final DatabaseClient db;

    Payments(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Stores the payment unless its order has one; answers the order's payment either way. Concurrent callers
     * all get the same row: the losing inserts wait for the winner's and then change nothing.
     */
    Mono<Payment> addIfAbsent(Payment payment) {
        var spec = db.sql("""
                insert into payments (payment_id, order_id, ticket_id, user_id, amount, currency, receipt_email,
                    status)
                values (:paymentId, :orderId, :ticketId, :userId, :amount, :currency, :email, :status)
                on conflict (order_id) do nothing returning *""")
                .bind("paymentId", payment.paymentId())
                .bind("orderId", payment.orderId())
                .bind("ticketId", payment.ticketId())
                .bind("userId", payment.userId())
                .bind("amount", payment.amount())
                .bind("currency", payment.currency())
                .bind("status", payment.status().value());
        return Sql.storedOrExisting(Sql.bindNullable(spec, "email", payment.receiptEmail()), Payments::payment,
                () -> byOrder(payment.orderId()));
    }

    Mono<Payment> byId(UUID paymentId) {
        return one("select * from payments where payment_id = :id", paymentId);
    }

    Mono<Payment> byOrder(UUID orderId) {
        return one("select * from payments where order_id = :id", orderId);
    }

    Mono<Payment> byTicket(long ticketId) {
        return one("select * from payments where ticket_id = :id", ticketId);
    }

    Mono<Payment> byIntent(String paymentIntentId) {
        return one("select * from payments where stripe_payment_intent_id = :id", paymentIntentId);
    }

    Mono<Payment> lock(UUID paymentId) {
        return one("select * from payments where payment_id = :id for update", paymentId);
    }

    Mono<Payment> lockTicket(long ticketId) {
        return one("select * from payments where ticket_id = :id for update", ticketId);
    }

    Mono<Payment> lockIntent(String paymentIntentId) {
        return one("select * from payments where stripe_payment_intent_id = :id for update", paymentIntentId);
    }

    /** Records the created intent on a payment still waiting for it; false when another caller did first. */
    Mono<Boolean> attachIntent(UUID paymentId, String paymentIntentId) {
        return db.sql("""
                update payments set stripe_payment_intent_id = :intent, updated_at = now()
                where payment_id = :id and stripe_payment_intent_id is null and status = 'pending'""")
                .bind("intent", paymentIntentId).bind("id", paymentId)
                .fetch().rowsUpdated().map(rows -> rows == 1);
    }

    /** Saves a transition; {@code eventCreated} (may be null) is the Stripe event that caused it. */
    @Override
    public Mono<Void> save(Payment payment, Instant eventCreated, String failureReason) {
        var spec = db.sql("""
                update payments set status = :status, updated_at = now(),
                    last_event_at = greatest(last_event_at, :eventAt),
                    failure_reason = coalesce(:failureReason, failure_reason)
                where payment_id = :id""")
                .bind("id", payment.paymentId())
                .bind("status", payment.status().value());
        spec = Sql.bindNullable(spec, "eventAt", eventCreated);
        return Sql.bindNullable(spec, "failureReason", failureReason).then();
    }

    Mono<Void> save(Payment payment) {
        return save(payment, null, null);
    }

    private Mono<Payment> one(String sql, Object id) {
        return db.sql(sql).bind("id", id).map(Payments::payment).one();
    }

    private static Payment payment(Readable row) {
        return new Payment(row.get("payment_id", UUID.class), row.get("order_id", UUID.class),
                row.get("ticket_id", Long.class), row.get("user_id", String.class),
                row.get("stripe_payment_intent_id", String.class), row.get("amount", Long.class),
                row.get("currency", String.class), row.get("receipt_email", String.class),
                PaymentStatus.of(row.get("status", String.class)), Sql.instant(row, "last_event_at"),
                Sql.instant(row, "created_at"), Sql.instant(row, "updated_at"));
    }
}
