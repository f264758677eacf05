package dev.ticketpay.payment.ledger;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * One reconciliation at a time per database, whatever the number of instances: a session advisory lock held on
 * one connection for the whole run. No transaction stays open across Stripe's calls; the lock is released when the
 * run ends, fails or is cancelled, and by PostgreSQL itself if the connection dies.
 */
@Component
class LedgerLock {

    /** Any constant of our own: {@code hashtext('ticketpay.ledger')} would do as well, but this is readable. */
    private static final long KEY = 0x7469636b65746c67L;

    private final ConnectionFactory connections;

    LedgerLock(ConnectionFactory connections) {
        this.connections = connections;
    }

    /** Runs {@code work} holding the lock; {@link LedgerBusy} when another run holds it. */
    <T> Mono<T> exclusively(Mono<T> work) {
        return Mono.usingWhen(Mono.from(connections.create()),
                connection -> flag(connection, "select pg_try_advisory_lock($1) as flag")
                        .flatMap(locked -> locked ? work : Mono.error(new LedgerBusy())),
                connection -> flag(connection, "select pg_advisory_unlock($1) as flag")
                        .onErrorResume(e -> Mono.just(false))
                        .then(Mono.from(connection.close())));
    }

    private static Mono<Boolean> flag(Connection connection, String sql) {
        return Flux.from(connection.createStatement(sql).bind("$1", KEY).execute())
                .flatMap(result -> result.map((row, meta) -> Boolean.TRUE.equals(row.get("flag", Boolean.class))))
                .next()
                .defaultIfEmpty(false);
    }
}
