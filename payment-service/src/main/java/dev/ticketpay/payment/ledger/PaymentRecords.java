package dev.ticketpay.payment.ledger;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.UUID;

import dev.ticketpay.payment.ledger.PaymentRecord.Channel;
import dev.ticketpay.payment.ledger.PaymentRecord.Standing;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * This service's side of the ledger: the payments of both channels that the charges name, by PaymentIntent or by
 * the ticket in their metadata (a Checkout payment records its PaymentIntent only once it is paid). Read-only:
 * repairs go through the channels' own outcome paths.
 */
@Repository
class PaymentRecords {

    private static final String SELECT = """
            select 'CHECKOUT' as channel, c.ticket_id, c.order_id, null::uuid as payment_id, c.session_id,
                   c.payment_intent_id, c.status, c.refund_id, c.dispute_status, c.updated_at
            from checkout_sessions c
            where c.payment_intent_id = any(:intents) or c.ticket_id = any(:tickets)
            union all
            select 'PAYMENT_INTENT', p.ticket_id, p.order_id, p.payment_id, null, p.stripe_payment_intent_id,
                   p.status, p.refund_id, p.dispute_status, p.updated_at
            from payments p
            where p.stripe_payment_intent_id = any(:intents) or p.ticket_id = any(:tickets)""";

    private final DatabaseClient db;

    PaymentRecords(DatabaseClient db) {
        this.db = db;
    }

    Flux<PaymentRecord> of(Collection<String> paymentIntentIds, Collection<Long> ticketIds) {
        if (paymentIntentIds.isEmpty() && ticketIds.isEmpty()) {
            return Flux.empty();
        }
        Long[] tickets = ticketIds.toArray(Long[]::new);
        return pendingRefunds(tickets).flatMapMany(pending -> db.sql("select r.*, r.ticket_id = any(:pending)"
                        + " as refund_pending from (" + SELECT + ") r")
                .bind("intents", paymentIntentIds.toArray(String[]::new))
                .bind("tickets", tickets)
                .bind("pending", pending)
                .map(PaymentRecords::record)
                .all());
    }

    /** Where the payment stands now, its row locked; must run inside a transaction. */
    Mono<Standing> lockStanding(PaymentRecord payment) {
        String table = payment.channel() == Channel.CHECKOUT ? "checkout_sessions" : "payments";
        return db.sql("select status from " + table + " where ticket_id = :ticketId for update")
                .bind("ticketId", payment.ticketId())
                .map(row -> Standing.of(row.get("status", String.class)))
                .one();
    }

    /** The tickets whose refund command still waits for Stripe. */
    private Mono<Long[]> pendingRefunds(Long[] tickets) {
        return db.sql("select ticket_id from stripe_commands where kind = 'refund' and status = 'pending'"
                        + " and ticket_id = any(:tickets)")
                .bind("tickets", tickets)
                .map(row -> row.get("ticket_id", Long.class))
                .all().collectList().map(ids -> ids.toArray(Long[]::new));
    }

    private static PaymentRecord record(Readable row) {
        OffsetDateTime updated = row.get("updated_at", OffsetDateTime.class);
        return new PaymentRecord(Channel.valueOf(row.get("channel", String.class)), row.get("ticket_id", Long.class),
                row.get("order_id", UUID.class), row.get("payment_id", UUID.class), row.get("session_id", String.class),
                row.get("payment_intent_id", String.class), Standing.of(row.get("status", String.class)),
                row.get("refund_id", String.class), row.get("dispute_status", String.class),
                updated == null ? null : updated.toInstant(),
                Boolean.TRUE.equals(row.get("refund_pending", Boolean.class)));
    }
}
