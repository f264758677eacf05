package dev.ticketpay.ticket.reservation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import dev.ticketpay.contracts.EventJson;
import dev.ticketpay.contracts.PaymentSucceeded;
import dev.ticketpay.contracts.TicketExpired;
import dev.ticketpay.contracts.Topics;
import dev.ticketpay.support.OnDevInfrastructure;
import dev.ticketpay.support.Recorded;
import dev.ticketpay.ticket.TicketServiceIntegration;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Unpaid reservations give their seats back when the hold runs out, once, whoever sweeps. On a database of its own:
 * the moved clock would make other classes' reservations overdue too.
 */
@OnDevInfrastructure("tickets_expiry")
@TestPropertySource(properties = {"ticketpay.reservation.hold=10m", "ticketpay.reservation.expiry-sweep=1h"})
class HoldExpiryIntegrationTests extends TicketServiceIntegration {

    static final MovableClock clock = new MovableClock();

    @TestConfiguration
    static class Time {

        @Bean
        Clock clock() {
            return clock;
        }
    }

    @Autowired Purchases purchases;
    @Autowired Cancellations cancellations;
    @Autowired Tickets tickets;
    @Autowired PaymentOutcomes outcomes;
    @Autowired TransactionalOperator transactions;
    @Autowired DatabaseClient db;

    @Test
    void expiresOverdueReservationsOnceEvenWhenSweptConcurrently() {
        long eventId = newShow("Matinee", 12, 3000);
        var reserved = Flux.range(0, 6)
                .concatMap(i -> purchases.place(new Purchases.Order("buyer-" + i, null, eventId, 2)))
                .collectList().block();
        assertThat(shows.byId(eventId).block().available()).isZero();
        assertThat(cancellations.expireOverdue().block()).as("nothing is overdue yet").isZero();

        clock.advance(Duration.ofMinutes(11));
        // three sweepers at once, as three instances would run them
        var expired = Flux.range(0, 3).flatMap(i -> cancellations.expireOverdue(), 3).reduce(0, Integer::sum).block();

        assertThat(expired).isEqualTo(6);
        assertThat(shows.byId(eventId).block().available()).isEqualTo(12);
        assertThat(reserved).allSatisfy(ticket ->
                assertThat(tickets.byId(ticket.id()).block().status()).isEqualTo(TicketStatus.EXPIRED));
        try (var recorded = new Recorded(infrastructure.kafka().bootstrapServers(), Topics.TICKETS)) {
            for (Ticket ticket : reserved) {
                var published = await().until(() -> recorded.forKey(ticket.id()).stream()
                        .filter(r -> "ticketpay.ticket.expired.v1".equals(Recorded.header(r, "ce_type"))).toList(),
                        list -> !list.isEmpty());
                assertThat(published).hasSize(1);
                assertThat(EventJson.read(published.getFirst().value(), TicketExpired.class).orderId())
                        .isEqualTo(ticket.purchase().orderId());
            }
        }
    }

    @Test
    void aCancelledTicketIsNotExpiredAgain() {
        long eventId = newShow("Evening", 2, 3000);
        var ticket = purchases.place(new Purchases.Order("zoe", null, eventId, 2)).block();
        cancellations.cancel("zoe", ticket.id()).block();
        clock.advance(Duration.ofHours(1));

        assertThat(cancellations.expireOverdue().block()).isZero();
        assertThat(shows.byId(eventId).block().available()).isEqualTo(2);
        assertThat(tickets.byId(ticket.id()).block().status()).isEqualTo(TicketStatus.CANCELLED);
    }

    @Test
    void aPaymentAfterTheHoldExpiredTakesTheSeatsAgainAndAsksForNoRefund() {
        var ticket = expiredHoldOfAllSeats("Late");
        long eventId = ticket.purchase().eventId();

        transactions.transactional(outcomes.on(paid(ticket))).block();

        assertThat(tickets.byId(ticket.id()).block().status()).isEqualTo(TicketStatus.PAID);
        assertThat(shows.byId(eventId).block().available()).isZero();
        assertThat(eventsWritten(ticket)).containsExactly("ticketpay.ticket.reserved.v1",
                "ticketpay.ticket.expired.v1", "ticketpay.ticket.confirmed.v1");
    }

    @Test
    void aPaymentAfterTheHoldExpiredAndTheSeatsWereSoldIsSentBackOnly() {
        var late = expiredHoldOfAllSeats("Resold");
        long eventId = late.purchase().eventId();
        var resold = purchases.place(new Purchases.Order("mei", null, eventId, 2)).block();

        transactions.transactional(outcomes.on(paid(late))).block();

        assertThat(tickets.byId(late.id()).block().status()).isEqualTo(TicketStatus.EXPIRED);
        assertThat(shows.byId(eventId).block().available()).isZero();
        assertThat(eventsWritten(late)).containsExactly("ticketpay.ticket.reserved.v1",
                "ticketpay.ticket.expired.v1", "ticketpay.ticket.refund-requested.v1");
        // the other tests move the shared clock: leave no reservation behind to become overdue there
        cancellations.cancel("mei", resold.id()).block();
    }

    @Test
    void aPaymentAfterTheHoldExpiredOnceTheShowHasStartedIsSentBackAndTakesNoSeat() {
        var late = expiredHoldOfAllSeats("Curtain", clock.instant().plus(Duration.ofMinutes(30)));
        long eventId = late.purchase().eventId();
        clock.advance(Duration.ofMinutes(30));

        transactions.transactional(outcomes.on(paid(late))).block();

        assertThat(tickets.byId(late.id()).block().status()).isEqualTo(TicketStatus.EXPIRED);
        assertThat(shows.byId(eventId).block().available()).isEqualTo(2);
        assertThat(eventsWritten(late)).containsExactly("ticketpay.ticket.reserved.v1",
                "ticketpay.ticket.expired.v1", "ticketpay.ticket.refund-requested.v1");
    }

    /** Kai's reservation of both seats of a new show, expired: the hold ran out and the sweep found it. */
    private Ticket expiredHoldOfAllSeats(String show) {
        return expiredHoldOfAllSeats(show, aYearFromNow());
    }

    private Ticket expiredHoldOfAllSeats(String show, Instant startsAt) {
        long eventId = newShow(show, 2, 3000, startsAt);
        var ticket = purchases.place(new Purchases.Order("kai", null, eventId, 2)).block();
        clock.advance(Duration.ofMinutes(11));
        assertThat(cancellations.expireOverdue().block()).isEqualTo(1);
        return ticket;
    }

    private static PaymentSucceeded paid(Ticket ticket) {
        return new PaymentSucceeded(ticket.id(), ticket.purchase().orderId(), "cs_test_late_" + ticket.id(),
                "pi_late_" + ticket.id(), 6000, "jpy", Instant.now());
    }

    /** The events this service wrote for the ticket, in order. */
    private List<String> eventsWritten(Ticket ticket) {
        return db.sql("select event_type from outbox where message_key = :key order by id")
                .bind("key", Long.toString(ticket.id()))
                .map(row -> row.get("event_type", String.class)).all().collectList().block();
    }

    /** A clock the test moves forward; the database compares against the instants it gives. */
    static final class MovableClock extends Clock {

        private volatile Instant now = Instant.now();

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
