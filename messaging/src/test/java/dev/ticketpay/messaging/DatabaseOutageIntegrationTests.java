package dev.ticketpay.messaging;

import java.lang.management.ManagementFactory;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.ticketpay.contracts.TicketCancelled;
import dev.ticketpay.support.DevInfrastructure;
import dev.ticketpay.support.OnDevInfrastructure;
import dev.ticketpay.support.PostgresServer;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The database fails under load the way a failover looks to clients: every connection ends in the middle of
 * its query, and new ones are refused for a while. Afterwards the service must work again by itself, within
 * seconds, with no event-loop thread left spinning and every committed event published.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "spring.kafka.listener.auto-startup=false",
        "spring.r2dbc.pool.max-acquire-time=2s",
        "spring.r2dbc.pool.max-create-connection-time=2s",
        "spring.r2dbc.pool.max-validation-time=1s",
        "ticketpay.database.statement-timeout=5s",
        "ticketpay.database.connect-timeout=2s",
        "ticketpay.database.liveness-timeout=2s",
        "ticketpay.messaging.database-timeout=5s"})
@OnDevInfrastructure(DatabaseOutageIntegrationTests.DATABASE)
class DatabaseOutageIntegrationTests {

    static final DevInfrastructure infrastructure = DevInfrastructure.shared();
    static final String DATABASE = "messaging_outage";

    @Autowired Outbox outbox;
    @Autowired TransactionalOperator transactions;
    @Autowired DatabaseClient db;
    @Autowired DatabaseLiveness liveness;
    @Autowired io.r2dbc.spi.ConnectionFactory connections;

    @Test
    void comesBackByItselfAfterConnectionsEndInTheMiddleOfQueriesUnderLoad() throws Exception {
        assertThat(((io.r2dbc.spi.Wrapped<?>) connections).unwrap())
                .as("the pool's connections are closed off the delivering thread (CloseWhileDrainingTests)")
                .isInstanceOf(DriverConnections.Factory.class);
        var committed = new AtomicInteger();
        var failed = new AtomicInteger();
        var stop = new AtomicBoolean();
        Disposable load = Flux.range(0, Integer.MAX_VALUE)
                .takeWhile(i -> !stop.get())
                .flatMap(i -> transactions.transactional(outbox.append(event()))
                        .doOnSuccess(done -> committed.incrementAndGet())
                        .onErrorResume(e -> {
                            failed.incrementAndGet();
                            return Mono.delay(Duration.ofMillis(20)).then();
                        }), 16)
                .subscribe();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> committed.get() > 100);
            var outage = new Outage(infrastructure.postgres(), DATABASE);
            outage.endConnectionsRepeatedly(Duration.ofSeconds(2));
            outage.refuseConnections();
            outage.endConnectionsRepeatedly(Duration.ofSeconds(3));
            outage.allowConnections();
            int failedDuringOutage = failed.get();
            assertThat(failedDuringOutage).as("the outage was felt").isPositive();

            Instant back = Instant.now();
            int committedBefore = committed.get();
            await().atMost(Duration.ofSeconds(20)).until(() -> committed.get() > committedBefore + 100);
            System.out.printf("database outage: %d transactions failed during it, load committing again %d ms after"
                    + " the database came back%n", failedDuringOutage, Duration.between(back, Instant.now())
                    .toMillis());
        }
        finally {
            stop.set(true);
            load.dispose();
        }
        assertThat(liveness.health().block().getStatus()).isEqualTo(Status.UP);
        await().atMost(Duration.ofSeconds(30)).until(() -> db.sql(
                "select count(*) as n from outbox where published_at is null")
                .map(row -> row.get("n", Long.class)).one().block() == 0);
        assertThat(eventLoopCpu(Duration.ofSeconds(2))).as("no R2DBC event-loop thread spins")
                .isLessThan(Duration.ofMillis(500));
    }

    /** CPU time the reactor-netty threads used over {@code window} (measured, not slept: Awaitility holds it). */
    private static Duration eventLoopCpu(Duration window) {
        var threads = ManagementFactory.getThreadMXBean();
        long before = reactorCpuNanos(threads);
        await().pollDelay(window).atMost(window.plusSeconds(1)).until(() -> true);
        return Duration.ofNanos(reactorCpuNanos(threads) - before);
    }

    private static long reactorCpuNanos(java.lang.management.ThreadMXBean threads) {
        return Arrays.stream(threads.getThreadInfo(threads.getAllThreadIds()))
                .filter(info -> info != null && info.getThreadName().startsWith("reactor-tcp"))
                .mapToLong(info -> Math.max(0, threads.getThreadCpuTime(info.getThreadId())))
                .sum();
    }

    private static TicketCancelled event() {
        long ticket = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2);
        return new TicketCancelled(ticket, UUID.randomUUID(), "outage", Instant.parse("2026-01-01T00:00:00Z"));
    }

    /** Makes one database unreachable as a failover would, over JDBC as the superuser. */
    record Outage(PostgresServer postgres, String database) {

        void endConnectionsRepeatedly(Duration window) throws SQLException {
            Instant until = Instant.now().plus(window);
            while (Instant.now().isBefore(until)) {
                execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + database
                        + "' and pid <> pg_backend_pid()");
                await().pollDelay(Duration.ofMillis(100)).until(() -> true);
            }
        }

        void refuseConnections() throws SQLException {
            execute("alter database " + database + " allow_connections false");
        }

        void allowConnections() throws SQLException {
            execute("alter database " + database + " allow_connections true");
        }

        private void execute(String sql) throws SQLException {
            var admin = postgres.database("postgres");
            try (var connection = DriverManager.getConnection(admin.jdbcUrl(), admin.username(), admin.password());
                    var statement = connection.createStatement()) {
                statement.execute(sql);
            }
        }
    }
}
