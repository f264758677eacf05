package dev.ticketpay.messaging;

import java.time.Duration;

import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.util.retry.Retry;

/**
 * PostgreSQL {@code LISTEN} as a stream: a notification sent with {@code pg_notify} in a transaction
 * arrives here, in every instance of the service, right after that transaction commits. Each channel
 * holds one dedicated connection outside the pool and reconnects if it drops; notifications sent while it
 * is reconnecting are lost, so users also look on a slow timer.
 */
public final class PostgresNotifications {

    private static final Logger log = LoggerFactory.getLogger(PostgresNotifications.class);

    private final ConnectionFactory connections;

    public PostgresNotifications(ConnectionFactory connections) {
        this.connections = connections instanceof Wrapped<?> pool && pool.unwrap() instanceof ConnectionFactory raw
                ? raw : connections;
    }

    /** The payloads notified on {@code channel}; subscribing starts listening. */
    public Flux<String> listen(String channel) {
        if (!channel.matches("[a-z_]+")) {
            throw new IllegalArgumentException("channel must be lower-case letters and _: " + channel);
        }
        return Flux.usingWhen(connections.create(), connection -> listen(connection, channel), Connection::close)
                .doOnError(e -> log.warn("Listening on {} failed, reconnecting: {}", channel, e.toString()))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(5)));
    }

    private Flux<String> listen(Connection connection, String channel) {
        var postgres = connection instanceof PostgresqlConnection pg ? pg
                : ((Wrapped<?>) connection).unwrap() instanceof PostgresqlConnection pg ? pg : null;
        if (postgres == null) {
            return Flux.error(new IllegalStateException("LISTEN needs a PostgreSQL R2DBC connection"));
        }
        return postgres.createStatement("LISTEN " + channel).execute()
                .flatMap(result -> result.getRowsUpdated())
                .thenMany(postgres.getNotifications())
                .map(notification -> notification.getParameter() == null ? "" : notification.getParameter());
    }
}
