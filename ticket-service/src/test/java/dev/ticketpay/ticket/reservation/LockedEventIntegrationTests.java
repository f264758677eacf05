package dev.ticketpay.ticket.reservation;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import dev.ticketpay.support.EmbeddedPostgres;
import dev.ticketpay.support.OnDevInfrastructure;
import dev.ticketpay.ticket.TicketServiceIntegration;
import dev.ticketpay.web.SharedAnswer;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An event's row held by a transaction that hangs (a stuck job, an instance wedged in the middle of a purchase)
 * stops that event's purchases and no other event's when the event's purchases have a lane: at most
 * {@code PURCHASES_PER_EVENT} (4, the default) of them wait on the row, each on a database connection;
 * the next ones wait in memory and are answered 503 with {@code Retry-After} after {@code PURCHASE_QUEUE_WAIT}, with
 * nothing written; another event sells meanwhile, although twelve buyers of the locked one are more than the pool
 * has connections (10).
 */
@OnDevInfrastructure("tickets_lanes")
@TestPropertySource(properties = {"ticketpay.reservation.purchases-per-event=4",
        "ticketpay.reservation.purchase-queue-wait=3s"})
class LockedEventIntegrationTests extends TicketServiceIntegration {

    private final ExecutorService buyers = Executors.newFixedThreadPool(12);
    private final EmbeddedPostgres.Database db = infrastructure.postgres().database("tickets_lanes");

    @Autowired
    private MeterRegistry meters;

    /** One order's answer: status, body, {@code Retry-After}, the mark of a refusal given from memory. */
    record Answer(int status, String body, String retryAfter, String sharedFor) {
    }

    /** The test client, waiting as long as a buyer queued behind a locked row may. */
    private WebTestClient http;

    @BeforeEach
    void patientClient() {
        http = client.mutate().responseTimeout(Duration.ofSeconds(40)).build();
    }

    @AfterEach
    void stopBuyers() {
        buyers.shutdownNow();
    }

    @Test
    void theBuyersOfALockedEventWaitInItsLaneWhileAnotherEventSells() throws SQLException {
        long locked = newShow("Locked", 50, 4500);
        long other = newShow("Elsewhere", 50, 4500);
        List<CompletableFuture<Answer>> answers;
        try (Connection holder = lockedRow(locked)) {
            answers = ordersAtOnce(locked, 12);
            await().atMost(Duration.ofSeconds(10)).until(() -> waitingForLocks() >= 4);

            long asked = System.nanoTime();
            var elsewhere = order(other);
            assertThat(elsewhere.status()).as("another event sells: %s", elsewhere.body()).isEqualTo(201);
            assertThat(Duration.ofNanos(System.nanoTime() - asked))
                    .as("without waiting for a connection until a locked purchase's lock wait (10 s) gives up")
                    .isLessThan(Duration.ofSeconds(5));
            assertThat(waitingForLocks()).as("purchases of the locked event on database connections").isEqualTo(4);

            await().atMost(Duration.ofSeconds(15)).until(() -> answers.stream().filter(CompletableFuture::isDone)
                    .count() >= 8);
            holder.rollback();
        }
        List<Answer> all = answers.stream().map(CompletableFuture::join).toList();

        assertThat(all).filteredOn(answer -> answer.status() == 201).as("those that had the row in turn").hasSize(4);
        assertThat(all).filteredOn(answer -> answer.status() != 201).as("the others, refused in the v1 shape")
                .hasSize(8).allSatisfy(answer -> {
                    assertThat(answer.status()).as(answer.body()).isEqualTo(503);
                    assertThat(answer.retryAfter()).isEqualTo("5");
                    assertThat(answer.body()).contains("\"status\":\"error\"", "\"code\":503");
                });
        assertThat(count("select count(*) from tickets where event_id = " + locked))
                .as("nothing written for the refused purchases").isEqualTo(4);
        assertThat(count("select available from events where id = " + locked)).isEqualTo(46);
    }

    @Test
    void theBuyersQueuedBehindAnEventsLastSeatsAreRefusedFromMemoryWhenTheirTurnComes() throws SQLException {
        long lastSeats = newShow("Last seats", 2, 4500);
        List<CompletableFuture<Answer>> answers;
        try (Connection holder = lockedRow(lastSeats)) {
            answers = ordersAtOnce(lastSeats, 10);
            await().atMost(Duration.ofSeconds(10)).until(() -> waitingForLocks() >= 4 && waitingInLanes() >= 6);
            holder.rollback();
        }
        List<Answer> all = answers.stream().map(CompletableFuture::join).toList();

        assertThat(all).filteredOn(answer -> answer.status() == 201).as("the two seats").hasSize(2);
        List<Answer> refused = all.stream().filter(answer -> answer.status() != 201).toList();
        assertThat(refused).as("the others, refused in the v1 shape").hasSize(8).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.body()).isEqualTo(400);
            assertThat(answer.body()).contains("\"status\":\"error\"", "\"code\":400", "Not enough tickets");
        });
        // the four at the row find out in the database; the first to find the event sold out tells the memory. The
        // two winners' turns may go to two queued buyers before it has, and those ask the database too
        assertThat(refused).filteredOn(answer -> answer.sharedFor() != null)
                .as("queued buyers refused from memory when their turn came, with no transaction")
                .hasSizeBetween(4, 6);
        assertThat(count("select count(*) from tickets where event_id = " + lastSeats)).isEqualTo(2);
        assertThat(count("select available from events where id = " + lastSeats)).isZero();
        assertThat(waitingInLanes()).isZero();
    }

    /** A connection whose transaction holds {@code event}'s row (as {@code select … for update} does). */
    private Connection lockedRow(long event) throws SQLException {
        Connection holder = connect();
        try (var lock = holder.createStatement()) {
            holder.setAutoCommit(false);
            lock.execute("select id from events where id = " + event + " for update");
            return holder;
        }
        catch (SQLException failed) {
            holder.close();
            throw failed;
        }
    }

    /** {@code count} orders of {@code event} sent at once, each by another buyer. */
    private List<CompletableFuture<Answer>> ordersAtOnce(long event, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> order(event), buyers)).toList();
    }

    private Answer order(long event) {
        var result = http.post().uri("/api/v1/orders")
                .headers(h -> h.setBearerAuth(token("lane-" + UUID.randomUUID())))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("event_id", event, "quantity", 1))
                .exchange().expectBody(String.class).returnResult();
        return new Answer(result.getStatus().value(), result.getResponseBody(),
                result.getResponseHeaders().getFirst("Retry-After"),
                result.getResponseHeaders().getFirst(SharedAnswer.HEADER));
    }

    /** Purchases of this instance waiting in memory for their turn, from its gauge. */
    private double waitingInLanes() {
        return meters.get("ticketpay.purchases.waiting").gauge().value();
    }

    /** Sessions of this database waiting for a lock (each holds one of the service's connections). */
    private long waitingForLocks() throws SQLException {
        return count("select count(*) from pg_stat_activity where datname = current_database()"
                + " and wait_event_type = 'Lock'");
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = connect(); var statement = connection.createStatement();
                var rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
    }
}
