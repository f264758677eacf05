package dev.ticketpay.messaging;

import java.time.Duration;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;

/**
 * Liveness from the database's side: the service is stuck, and only a restart helps, when its connection pool
 * cannot hand out a working connection in time although a fresh connection to the same database works. A
 * database that is simply down is no reason to restart (readiness reports it, and the pool recovers by itself),
 * so then this stays UP with the reason in its details.
 */
final class DatabaseLiveness implements ReactiveHealthIndicator {

    private final ConnectionFactory pool;
    private final ConnectionFactory direct;
    private final Duration timeout;

    DatabaseLiveness(ConnectionFactory pool, Duration timeout) {
        this.pool = pool;
        this.direct = pool instanceof Wrapped<?> wrapped && wrapped.unwrap() instanceof ConnectionFactory raw
                ? raw : pool;
        this.timeout = timeout;
    }

    @Override
    public Mono<Health> health() {
        return works(pool)
                .map(poolWorks -> Health.up().withDetail("pool", "hands out working connections").build())
                .onErrorResume(poolFailure -> works(direct)
                        .map(directWorks -> Health.down()
                                .withDetail("pool", "no working connection within " + timeout)
                                .withDetail("database", "reachable").build())
                        .onErrorResume(directFailure -> Mono.just(Health.up()
                                .withDetail("database", "unreachable; readiness reports it")
                                .build())));
    }

    private Mono<Boolean> works(ConnectionFactory factory) {
        return Mono.usingWhen(factory.create(),
                        connection -> Flux.from(connection.createStatement("select 1").execute())
                                .flatMap(result -> result.map((row, meta) -> 1)).then(Mono.just(true)),
                        Connection::close)
                .timeout(timeout);
    }
}
