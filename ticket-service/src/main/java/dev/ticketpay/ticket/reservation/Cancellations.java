package dev.ticketpay.ticket.reservation;

import java.time.Clock;
import java.time.Duration;

import dev.ticketpay.contracts.TicketEvent;
import dev.ticketpay.messaging.Outbox;
import dev.ticketpay.messaging.Repeating;
import dev.ticketpay.ticket.catalog.Shows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Ending reservations that will not be paid: the buyer cancels, or the hold runs out. Seats go back on sale
 * in the same transaction, and payment-service hears of it (TicketCancelled / TicketExpired) so the checkout
 * can no longer be paid. The expiry sweep locks overdue rows with SKIP LOCKED, so several instances share it.
 */
@Service
public class Cancellations {

    private static final Logger log = LoggerFactory.getLogger(Cancellations.class);
    private static final int SWEEP_BATCH = 100;
    private static final Duration SWEEP_TIMEOUT = Duration.ofSeconds(30);

    private final Tickets tickets;
    private final Shows shows;
    private final Outbox outbox;
    private final TransactionalOperator transactions;
    private final ReservationSettings settings;
    private final Clock clock;
    private final TicketFigures figures;

    Cancellations(Tickets tickets, Shows shows, Outbox outbox, TransactionalOperator transactions,
            ReservationSettings settings, Clock clock, TicketFigures figures) {
        this.figures = figures;
        this.tickets = tickets;
        this.shows = shows;
        this.outbox = outbox;
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock;
    }

    /** The owner cancels an unpaid reservation. */
    public Mono<Ticket> cancel(String userId, long ticketId) {
        return transactions.transactional(tickets.lock(ticketId)
                .switchIfEmpty(Mono.error(() -> new TicketNotFound(ticketId)))
                .flatMap(ticket -> {
                    if (!ticket.isOwnedBy(userId)) {
                        return Mono.error(new NotYourTicket(ticketId));
                    }
                    Ticket cancelled = ticket.cancel();
                    return end(cancelled, cancelled.cancelled(clock.instant()), figures.cancelled(cancelled));
                }));
    }

    /** The expiry sweep, every {@code expirySweep}; a failed or hung round is given up and the next one retries. */
    @Bean
    static Repeating holdExpiry(Cancellations cancellations, ReservationSettings settings) {
        return new Repeating("Expiring unpaid reservations", settings.expirySweep(), SWEEP_TIMEOUT,
                () -> cancellations.expireOverdue().doOnNext(count -> {
                    if (count > 0) {
                        log.info("Expired {} unpaid reservations", count);
                    }
                }));
    }

    /** Expires every overdue reservation; emits how many. */
    public Mono<Integer> expireOverdue() {
        return transactions.transactional(tickets.lockOverdue(clock.instant(), SWEEP_BATCH)
                .concatMap(ticket -> {
                    Ticket expired = ticket.expire();
                    return end(expired, expired.expired(clock.instant()), figures.expired(expired));
                })
                .count()
                .map(Long::intValue));
    }

    /** Writes the ended reservation, puts its seats back on sale, and tells payment-service with {@code ended}. */
    private Mono<Ticket> end(Ticket ticket, TicketEvent ended, Mono<Void> counted) {
        return tickets.save(ticket)
                .then(shows.release(ticket.purchase().eventId(), ticket.purchase().quantity()))
                .then(outbox.append(ended))
                .then(counted)
                .thenReturn(ticket);
    }
}
