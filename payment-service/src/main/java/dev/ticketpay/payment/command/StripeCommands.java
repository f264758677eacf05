package dev.ticketpay.payment.command;

import java.time.Duration;
import java.util.UUID;

import dev.ticketpay.messaging.Sql;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * The stored Stripe commands. {@link #add} joins the caller's transaction (the decision's); the worker's claim is
 * a statement of its own, so no transaction stays open while Stripe is called.
 */
@Repository
public class StripeCommands {

    private final DatabaseClient db;

    StripeCommands(DatabaseClient db) {
        this.db = db;
    }

    /** Stores the command unless the ticket has one of its kind already; true when it was stored. */
    public Mono<Boolean> add(StripeCommand command) {
        return db.sql("""
                insert into stripe_commands (id, kind, ticket_id, order_id, target, idempotency_key)
                values (:id, :kind, :ticketId, :orderId, :target, :key)
                on conflict (ticket_id, kind) do nothing""")
                .bind("id", command.id())
                .bind("kind", command.kind().value())
                .bind("ticketId", command.ticketId())
                .bind("orderId", command.orderId())
                .bind("target", command.target())
                .bind("key", command.idempotencyKey())
                .fetch().rowsUpdated().map(rows -> rows == 1);
    }

    /**
     * Takes the oldest due command and pushes its next attempt {@code lease} ahead, in one statement: other
     * instances skip the locked row and then see it is not due. A worker that dies mid-call leaves the command to
     * be taken again when the lease ends.
     */
    Mono<StripeCommand> claimNext(Duration lease) {
        return db.sql("""
                update stripe_commands set attempts = attempts + 1, updated_at = now(),
                    next_attempt_at = now() + :leaseMillis * interval '1 millisecond'
                where id = (select id from stripe_commands where status = 'pending' and next_attempt_at <= now()
                            order by next_attempt_at, created_at limit 1 for update skip locked)
                returning id, kind, ticket_id, order_id, target, idempotency_key, attempts""")
                .bind("leaseMillis", lease.toMillis())
                .map(StripeCommands::command).one();
    }

    /** Locks the command for the transaction that closes it; empty when it is not pending any more. */
    Mono<StripeCommand> lockPending(UUID id) {
        return db.sql("""
                select id, kind, ticket_id, order_id, target, idempotency_key, attempts from stripe_commands
                where id = :id and status = 'pending' for update""")
                .bind("id", id).map(StripeCommands::command).one();
    }

    Mono<Void> markDone(UUID id, String resultId) {
        var spec = db.sql("""
                update stripe_commands set status = 'done', result_id = :result, last_error = null, updated_at = now()
                where id = :id""").bind("id", id);
        return Sql.bindNullable(spec, "result", resultId).then();
    }

    Mono<Void> markRefused(UUID id, String reason) {
        return db.sql("""
                update stripe_commands set status = 'refused', last_error = :reason, updated_at = now()
                where id = :id""").bind("id", id).bind("reason", reason).then();
    }

    /** The attempt failed for a reason that may pass: tried again after {@code pause}. */
    Mono<Void> retryLater(UUID id, String error, Duration pause) {
        return db.sql("""
                update stripe_commands set last_error = :error, updated_at = now(),
                    next_attempt_at = now() + :pauseMillis * interval '1 millisecond'
                where id = :id and status = 'pending'""")
                .bind("id", id).bind("error", error).bind("pauseMillis", pause.toMillis()).then();
    }

    private static StripeCommand command(Readable row) {
        return new StripeCommand(row.get("id", UUID.class), StripeCommand.Kind.of(row.get("kind", String.class)),
                row.get("ticket_id", Long.class), row.get("order_id", UUID.class), row.get("target", String.class),
                row.get("idempotency_key", String.class), row.get("attempts", Integer.class));
    }
}
