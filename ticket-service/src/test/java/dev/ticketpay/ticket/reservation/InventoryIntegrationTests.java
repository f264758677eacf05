package dev.ticketpay.ticket.reservation;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.ticketpay.ticket.TicketServiceIntegration;
import dev.ticketpay.ticket.catalog.EventChanges;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Result;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Many buyers at once on the real database: the seats are sold exactly once, never oversold. */
// long enough that only the seats_back notification can make this instance forget a sold-out event
@TestPropertySource(properties = "ticketpay.reservation.sold-out-memory=1h")
class InventoryIntegrationTests extends TicketServiceIntegration {

    @Autowired Purchases purchases;
    @Autowired DatabaseClient db;
    @Autowired ConnectionFactory connections;

    @Test
    void sellsEachOfFiftySeatsOnceToTwoHundredConcurrentBuyers() {
        long eventId = newShow("Sold-out Show", 50, 0);
        var lowestAvailable = new AtomicInteger(Integer.MAX_VALUE);
        var watching = Flux.interval(Duration.ofMillis(5))
                .onBackpressureDrop()
                .concatMap(tick -> shows.byId(eventId))
                .subscribe(event -> lowestAvailable.accumulateAndGet(event.available(), Math::min));

        Map<String, Long> outcomes;
        try {
            outcomes = Flux.range(0, 200)
                    .flatMap(buyer -> purchases.place(new Purchases.Order("buyer-" + buyer, null, eventId, 1))
                            .map(ticket -> "sold")
                            .onErrorResume(NotEnoughTickets.class, e -> Mono.just("not enough tickets")), 200)
                    .collectList()
                    .map(results -> results.stream().collect(java.util.stream.Collectors.groupingBy(
                            result -> result, java.util.stream.Collectors.counting())))
                    .block(Duration.ofSeconds(60));
        }
        finally {
            watching.dispose();
        }

        assertThat(outcomes).containsExactlyInAnyOrderEntriesOf(Map.of("sold", 50L, "not enough tickets", 150L));
        assertThat(shows.byId(eventId).block().available()).isZero();
        assertThat(lowestAvailable.get()).isBetween(0, 50);
        assertThat(ticketRows(eventId)).isEqualTo(50);
        assertThat(distinctBuyers(eventId)).isEqualTo(50);
    }

    @Test
    void shrinkingTheCapacityWhileTwoHundredBuyersBuyNeverOversells() {
        long eventId = newShow("Shrinking Show", 100, 0);

        var buying = Flux.range(0, 200)
                .flatMap(buyer -> purchases.place(new Purchases.Order("shrink-buyer-" + buyer, null, eventId, 1))
                        .map(ticket -> "sold")
                        .onErrorResume(NotEnoughTickets.class, e -> Mono.just("not enough tickets")), 200);
        var shrinking = Flux.range(1, 20)
                .concatMap(step -> shows.change(eventId, new EventChanges(null, null, null, 100 - 3 * step, null,
                        null)).map(changed -> "shrunk").defaultIfEmpty("refused"));
        var results = Flux.merge(buying, shrinking).collectList().block(Duration.ofSeconds(60));

        var event = shows.byId(eventId).block();
        long sold = ticketRows(eventId);
        assertThat(results.stream().filter("sold"::equals).count()).isEqualTo(sold);
        assertThat(event.available()).isNotNegative();
        assertThat(sold + event.available()).as("every seat is either sold or on sale").isEqualTo(event.capacity());
    }

    @Test
    void refusesLateBuyersOfASoldOutEventWithoutTouchingItsRow() {
        long eventId = soldOutEvent("Sold-out memory");
        // one refusal from the database teaches this instance that the event is sold out
        StepVerifier.create(purchases.place(new Purchases.Order("late-0", null, eventId, 1)))
                .expectError(NotEnoughTickets.class).verify();

        // any statement on the events table, even a read, would now wait for this lock and fail after the lock
        // timeout (a sold-out conditional update takes no row lock, so a row lock would prove nothing)
        Connection locker = Mono.from(connections.create()).block();
        try {
            Mono.from(locker.beginTransaction()).block();
            Flux.from(locker.createStatement("lock table events in access exclusive mode").execute())
                    .flatMap(Result::getRowsUpdated).blockLast();
            for (int buyer = 1; buyer <= 20; buyer++) {
                StepVerifier.create(purchases.place(new Purchases.Order("late-" + buyer, null, eventId, 1)))
                        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(NotEnoughTickets.class)
                                .hasMessage("Not enough tickets available: requested 1, 0 left."))
                        .verify();
            }
        }
        finally {
            Mono.from(locker.rollbackTransaction()).onErrorResume(e -> Mono.empty()).block();
            Mono.from(locker.close()).block();
        }
        assertThat(ticketRows(eventId)).isEqualTo(1);
    }

    @Test
    void sellsASeatThatComesBackAtOnceThoughTheEventIsRememberedSoldOut() {
        long eventId = soldOutEvent("Returned seat");
        StepVerifier.create(purchases.place(new Purchases.Order("early", null, eventId, 1)))
                .expectError(NotEnoughTickets.class).verify();

        shows.release(eventId, 1).block();

        // the memory lasts an hour here: only the seats_back notification lets this buyer in
        await().until(() -> purchases.place(new Purchases.Order("returning", null, eventId, 1)).map(ticket -> true)
                .onErrorResume(NotEnoughTickets.class, e -> Mono.just(false)).block());
        assertThat(ticketRows(eventId)).isEqualTo(2);
        assertThat(shows.byId(eventId).block().available()).isZero();
    }

    /** A free event with one seat, sold. */
    private long soldOutEvent(String name) {
        long eventId = newShow(name, 1, 0);
        purchases.place(new Purchases.Order("first", null, eventId, 1)).block();
        return eventId;
    }

    private long ticketRows(long eventId) {
        return db.sql("select count(*) as n from tickets where event_id = :eventId and status = 'paid'")
                .bind("eventId", eventId).map(row -> row.get("n", Long.class)).one().block();
    }

    private long distinctBuyers(long eventId) {
        return db.sql("select count(distinct user_id) as n from tickets where event_id = :eventId")
                .bind("eventId", eventId).map(row -> row.get("n", Long.class)).one().block();
    }
}
