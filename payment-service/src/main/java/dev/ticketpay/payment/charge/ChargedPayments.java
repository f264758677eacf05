package dev.ticketpay.payment.charge;

import java.time.Instant;
import java.util.UUID;

import dev.ticketpay.messaging.Sql;
import dev.ticketpay.payment.ChannelPayment.Channel;
import dev.ticketpay.payment.PaymentStatus;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * The payments of both channels as {@link ChargedPayment}s: one query per channel's table, the first that knows
 * the ticket or PaymentIntent answers (a ticket is paid through one channel only). Methods named {@code lock…}
 * must run inside a transaction; they lock the channel's row, as that channel's own outcomes do.
 */
@Repository
class ChargedPayments {

    private final DatabaseClient db;

    ChargedPayments(DatabaseClient db) {
        this.db = db;
    }

    Mono<ChargedPayment> byTicket(long ticketId) {
        return first("ticket_id", ticketId, "");
    }

    Mono<ChargedPayment> lockIntent(String paymentIntentId) {
        return paymentIntentId == null ? Mono.empty() : first(null, paymentIntentId, " for update");
    }

    /** The money went back to the buyer; {@code eventCreated} (may be null) is the Stripe event that said so. */
    Mono<Void> markRefunded(ChargedPayment payment, String refundId, Instant eventCreated) {
        String lastEvent = payment.channel() == Channel.PAYMENT_INTENT
                ? ", last_event_at = greatest(last_event_at, :eventAt)" : "";
        var spec = db.sql("update " + table(payment.channel()) + " set status = 'refunded', updated_at = now(),"
                        + " refund_id = coalesce(:refundId, refund_id)" + lastEvent + " where ticket_id = :ticketId")
                .bind("ticketId", payment.ticketId());
        spec = Sql.bindNullable(spec, "refundId", refundId);
        if (payment.channel() == Channel.PAYMENT_INTENT) {
            spec = Sql.bindNullable(spec, "eventAt", eventCreated);
        }
        return spec.then();
    }

    Mono<Void> markDispute(ChargedPayment payment, String disputeId, String status) {
        return db.sql("update " + table(payment.channel()) + " set dispute_id = :disputeId, dispute_status = :status,"
                        + " updated_at = now() where ticket_id = :ticketId")
                .bind("disputeId", disputeId).bind("status", status).bind("ticketId", payment.ticketId())
                .then();
    }

    /** {@code column} null: by PaymentIntent, whose column differs per channel. */
    private Mono<ChargedPayment> first(String column, Object value, String lock) {
        return Flux.fromArray(Channel.values())
                .concatMap(channel -> db.sql("select ticket_id, order_id, status, dispute_id, dispute_status, "
                                + intentColumn(channel) + " as payment_intent_id from " + table(channel) + " where "
                                + (column == null ? intentColumn(channel) : column) + " = :value" + lock)
                        .bind("value", value)
                        .map(row -> payment(channel, row)).all(), 1)
                .next();
    }

    /** Where a channel keeps its payments: constants, never input. */
    private static String table(Channel channel) {
        return switch (channel) {
            case CHECKOUT -> "checkout_sessions";
            case PAYMENT_INTENT -> "payments";
        };
    }

    private static String intentColumn(Channel channel) {
        return switch (channel) {
            case CHECKOUT -> "payment_intent_id";
            case PAYMENT_INTENT -> "stripe_payment_intent_id";
        };
    }

    private static ChargedPayment payment(Channel channel, Readable row) {
        return new ChargedPayment(channel, row.get("ticket_id", Long.class), row.get("order_id", UUID.class),
                row.get("payment_intent_id", String.class), PaymentStatus.of(row.get("status", String.class)),
                row.get("dispute_id", String.class), row.get("dispute_status", String.class));
    }
}
