package dev.ticketpay.payment.command;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import dev.ticketpay.messaging.Sql;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;

/**
 * The stored Stripe commands. {@link #add} joins the caller's transaction (the decision's); the worker's claim is
 * a statement of its own, so no transaction stays open while Stripe is called. Whoever stores a command, the
 * {@link #whenAdded} listeners (the worker) hear of it once it can be claimed: when its transaction commits.
 */
@Repository
public class StripeCommands {

    private final DatabaseClient db;
    private final List<Consumer<StripeCommand>> addedListeners = new CopyOnWriteArrayList<>();

    StripeCommands(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Tells {@code listener} of each stored command once it is visible to a claim: after the transaction that
     * stored it commits (not at all on a rollback), or at once when it was stored without one. Never before: a claim
     * woken inside the transaction would find nothing and leave the command to the next tick of the timer.
     */
    void whenAdded(Consumer<StripeCommand> listener) {
        addedListeners.add(listener);
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
                .fetch().rowsUpdated().map(rows -> rows == 1)
                .flatMap(stored -> stored ? announceWhenVisible(command).thenReturn(true) : Mono.just(false));
    }

    private Mono<Void> announceWhenVisible(StripeCommand command) {
        Runnable announce = () -> addedListeners.forEach(listener -> listener.accept(command));
        return TransactionSynchronizationManager.forCurrentTransaction()
                .flatMap(transaction -> {
                    if (transaction.isSynchronizationActive() && transaction.isActualTransactionActive()) {
                        transaction.registerSynchronization(new TransactionSynchronization() {
                            @Override
                            public Mono<Void> afterCommit() {
                                return Mono.fromRunnable(announce);
                            }
                        });
                        return Mono.<Void>empty();
                    }
                    return Mono.<Void>fromRunnable(announce);
                })
                .onErrorResume(NoTransactionException.class, none -> Mono.fromRunnable(announce));
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
